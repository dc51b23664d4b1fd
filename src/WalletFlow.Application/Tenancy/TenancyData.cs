using WalletFlow.Application.Commands;

namespace WalletFlow.Application.Tenancy;

/// <summary>A tenant as the admin routes answer it.</summary>
public sealed record TenantData(string TenantId, string Code, string Name, [property: Choice(typeof(TenancyStatus))] string Status, IReadOnlyList<string> Hostnames, DateTimeOffset CreatedAt)
{
    public static TenantData From(Tenant tenant)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        return new(tenant.Id.ToString(), tenant.Code, tenant.Name, RequestValidator.ToSnakeCase(tenant.Status.ToString()), tenant.Hostnames, tenant.CreatedAt);
    }
}

public sealed record TenantListData(IReadOnlyList<TenantData> Items);

/// <summary>A merchant as the admin routes answer it, with its IP allowlist.</summary>
public sealed record MerchantData(string MerchantId, string TenantId, string Name, [property: Choice(typeof(TenancyStatus))] string Status, IReadOnlyList<string> IpAllowlist, DateTimeOffset CreatedAt)
{
    public static MerchantData From(Merchant merchant)
    {
        ArgumentNullException.ThrowIfNull(merchant);
        return new(
            merchant.Id.Value, merchant.Tenant.ToString(), merchant.Name, RequestValidator.ToSnakeCase(merchant.Status.ToString()),
            [.. merchant.IpAllowlist.Select(range => range.ToString())], merchant.CreatedAt);
    }
}

public sealed record MerchantListData(IReadOnlyList<MerchantData> Items);

public enum ApiKeyStatus
{
    Active,
    Revoked,
    Expired,
}

/// <summary>A partner API key as every read shows it: never its secret, which only the answer that created it carries.</summary>
public sealed record ApiKeyData(
    string KeyId,
    string MerchantId,
    string Prefix,
    string Name,
    IReadOnlyList<string> Scopes,
    DateTimeOffset? ValidUntil,
    [property: Choice(typeof(ApiKeyStatus))] string Status,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RevokedAt,
    string? RevokedBy,
    DateTimeOffset? LastUsedAt)
{
    public static ApiKeyData From(ApiKey key, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(key);
        var status = key.RevokedAt is not null ? ApiKeyStatus.Revoked
            : key.ExpiresAt is { } expires && expires <= now ? ApiKeyStatus.Expired
            : ApiKeyStatus.Active;
        return new(
            key.Id.ToString(), key.Merchant.Value, key.Prefix, key.Name, key.Scopes, key.ExpiresAt, RequestValidator.ToSnakeCase(status.ToString()),
            key.CreatedBy, key.CreatedAt, key.RevokedAt, key.RevokedBy, key.LastUsedAt);
    }
}

public sealed record ApiKeyListData(IReadOnlyList<ApiKeyData> Items);
