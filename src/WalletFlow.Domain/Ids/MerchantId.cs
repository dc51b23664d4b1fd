using WalletFlow.Domain.Errors;

namespace WalletFlow.Domain.Ids;

/// <summary>A merchant (a partner's customer account) that owns wallets. A lowercase slug, valid as a ledger address segment.</summary>
public readonly record struct MerchantId
{
    private MerchantId(string value) => Value = value;

    public string Value { get; }

    public static Result<MerchantId> Parse(string? text) => Slug.Validate(text, "merchant id", "merchantId").Map(value => new MerchantId(value));

    public override string ToString() => Value ?? string.Empty;
}
