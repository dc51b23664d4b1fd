using WalletFlow.Domain.Errors;

namespace WalletFlow.Domain.Ids;

/// <summary>A payout hold's id: `hold_` plus a time-ordered Guid. Valid as a ledger address segment.</summary>
public readonly record struct HoldId
{
    private const string Prefix = "hold_";

    private HoldId(Guid value) => Value = value;

    public Guid Value { get; }

    /// <summary>When the id was generated, to the millisecond.</summary>
    public DateTimeOffset CreatedAt => TimeOrderedId.Timestamp(Value);

    public static HoldId New(TimeProvider time) => new(TimeOrderedId.New(time));

    public static Result<HoldId> Parse(string? text) =>
        TimeOrderedId.Parse(text, Prefix, "hold id", "holdId").Map(value => new HoldId(value));

    public override string ToString() => TimeOrderedId.Format(Prefix, Value);
}
