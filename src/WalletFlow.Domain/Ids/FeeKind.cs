using WalletFlow.Domain.Errors;

namespace WalletFlow.Domain.Ids;

/// <summary>What a fee is charged for (`payin`, `payout`, `fx`); one fee revenue account per kind. A lowercase slug, valid as a ledger address segment.</summary>
public readonly record struct FeeKind
{
    private FeeKind(string value) => Value = value;

    public string Value { get; }

    public static Result<FeeKind> Parse(string? text) => Slug.Validate(text, "fee kind", "feeKind").Map(value => new FeeKind(value));

    public override string ToString() => Value ?? string.Empty;
}
