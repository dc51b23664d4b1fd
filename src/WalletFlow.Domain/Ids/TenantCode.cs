using WalletFlow.Domain.Errors;

namespace WalletFlow.Domain.Ids;

/// <summary>A tenant's code, what people call it by (<c>acme-pay</c>): a lowercase slug, unique among tenants.</summary>
public readonly record struct TenantCode
{
    private TenantCode(string value) => Value = value;

    public string Value { get; }

    public static Result<TenantCode> Parse(string? text) => Slug.Validate(text, "tenant code", "code").Map(value => new TenantCode(value));

    public override string ToString() => Value ?? string.Empty;
}
