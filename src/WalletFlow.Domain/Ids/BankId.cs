using WalletFlow.Domain.Errors;

namespace WalletFlow.Domain.Ids;

/// <summary>A bank WalletFlow holds accounts with (`gtbank`, `jpmorgan-us`). A lowercase slug, valid as a ledger address segment.</summary>
public readonly record struct BankId
{
    private BankId(string value) => Value = value;

    public string Value { get; }

    public static Result<BankId> Parse(string? text) => Slug.Validate(text, "bank id", "bankId").Map(value => new BankId(value));

    public override string ToString() => Value ?? string.Empty;
}
