using WalletFlow.Domain.Errors;
using WalletFlow.Domain.Ids;

namespace WalletFlow.Application.Tenancy;

/// <summary>Times as the database keeps them (microseconds), so an answer shows the very instant every later read shows.</summary>
internal static class StoredTime
{
    public static DateTimeOffset Of(DateTimeOffset time) => time.AddTicks(-(time.Ticks % 10)).ToUniversalTime();
}

public enum TenancyStatus
{
    Active,
    Suspended,
}

/// <summary>A tenant: a code people use, a name, and the hostnames its console will answer on (issue 20's later slices).</summary>
public sealed record Tenant(TenantId Id, string Code, string Name, TenancyStatus Status, IReadOnlyList<string> Hostnames, DateTimeOffset CreatedAt);

/// <summary>
/// A merchant registered in a tenant. Its id is the merchant id its wallets carry, so registering a merchant claims
/// the wallets that already name it. Partner calls are admitted only from <see cref="IpAllowlist"/>.
/// </summary>
public sealed record Merchant(MerchantId Id, TenantId Tenant, string Name, TenancyStatus Status, IReadOnlyList<IpRange> IpAllowlist, DateTimeOffset CreatedAt);

/// <summary>A partner API key as stored: never its secret, only the secret's hash.</summary>
public sealed record ApiKey(
    ApiKeyId Id,
    MerchantId Merchant,
    string Prefix,
    byte[] SecretHash,
    string Name,
    IReadOnlyList<string> Scopes,
    DateTimeOffset? ExpiresAt,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RevokedAt,
    string? RevokedBy,
    DateTimeOffset? LastUsedAt);

/// <summary>What authenticating a key needs, read in one statement: the key, and whether its merchant and tenant may act, from where.</summary>
public sealed record PartnerKeyRecord(ApiKey Key, TenantId Tenant, TenancyStatus MerchantStatus, TenancyStatus TenantStatus, IReadOnlyList<IpRange> IpAllowlist);

/// <summary>The port over the tenancy tables; Postgres implements it. Uniqueness is the database's to decide: a clash answers <c>CONFLICT</c>.</summary>
public interface ITenancyStore
{
    Task<Result<Tenant>> InsertTenantAsync(Tenant tenant, CancellationToken cancellationToken);

    Task<IReadOnlyList<Tenant>> ListTenantsAsync(CancellationToken cancellationToken);

    Task<Tenant?> FindTenantAsync(TenantId id, CancellationToken cancellationToken);

    Task<Result<Merchant>> InsertMerchantAsync(Merchant merchant, CancellationToken cancellationToken);

    Task<Merchant?> FindMerchantAsync(MerchantId id, CancellationToken cancellationToken);

    Task<IReadOnlyList<Merchant>> ListMerchantsAsync(TenantId tenant, CancellationToken cancellationToken);

    /// <summary>The tenant with its new status; null when it does not exist.</summary>
    Task<Tenant?> SetTenantStatusAsync(TenantId id, TenancyStatus status, CancellationToken cancellationToken);

    /// <summary>The merchant with its new status; null when it does not exist.</summary>
    Task<Merchant?> SetMerchantStatusAsync(MerchantId id, TenancyStatus status, CancellationToken cancellationToken);

    /// <summary>Replaces the merchant's allowlist; null when the merchant does not exist.</summary>
    Task<Merchant?> SetAllowlistAsync(MerchantId id, IReadOnlyList<IpRange> allowlist, CancellationToken cancellationToken);

    Task<Result<ApiKey>> InsertKeyAsync(ApiKey key, CancellationToken cancellationToken);

    Task<IReadOnlyList<ApiKey>> ListKeysAsync(MerchantId merchant, CancellationToken cancellationToken);

    /// <summary>Revokes the key unless it already is (a revocation is final); the key as it stands after, or null when there is none.</summary>
    Task<ApiKey?> RevokeKeyAsync(ApiKeyId id, string revokedBy, DateTimeOffset at, CancellationToken cancellationToken);

    Task<PartnerKeyRecord?> FindForAuthenticationAsync(string prefix, CancellationToken cancellationToken);

    /// <summary>Records a use of the key, unless one was recorded after <paramref name="unlessUsedAfter"/>: at most one write a key per interval.</summary>
    Task TouchKeyAsync(ApiKeyId id, DateTimeOffset at, DateTimeOffset unlessUsedAfter, CancellationToken cancellationToken);
}
