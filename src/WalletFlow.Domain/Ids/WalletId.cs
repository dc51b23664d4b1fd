using WalletFlow.Domain.Errors;

namespace WalletFlow.Domain.Ids;

/// <summary>A wallet's id: `wal_` plus a time-ordered Guid. Valid as a ledger address segment.</summary>
public readonly record struct WalletId
{
    private const string Prefix = "wal_";

    private WalletId(Guid value) => Value = value;

    public Guid Value { get; }

    /// <summary>When the id was generated, to the millisecond.</summary>
    public DateTimeOffset CreatedAt => TimeOrderedId.Timestamp(Value);

    public static WalletId New(TimeProvider time) => new(TimeOrderedId.New(time));

    public static Result<WalletId> Parse(string? text) =>
        TimeOrderedId.Parse(text, Prefix, "wallet id", "walletId").Map(value => new WalletId(value));

    public override string ToString() => TimeOrderedId.Format(Prefix, Value);
}
