using WalletFlow.Domain.Errors;

namespace WalletFlow.Domain.Ids;

/// <summary>An OTC counterparty WalletFlow trades with. A lowercase slug, valid as a ledger address segment.</summary>
public readonly record struct CounterpartyId
{
    private CounterpartyId(string value) => Value = value;

    public string Value { get; }

    public static Result<CounterpartyId> Parse(string? text) => Slug.Validate(text, "counterparty id", "counterpartyId").Map(value => new CounterpartyId(value));

    public override string ToString() => Value ?? string.Empty;
}
