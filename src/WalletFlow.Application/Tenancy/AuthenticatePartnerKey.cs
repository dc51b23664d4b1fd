using System.Net;
using WalletFlow.Domain.Errors;

namespace WalletFlow.Application.Tenancy;

/// <summary>
/// Turns a partner's bearer into what it may do, on every call: the key's row is read each time (no process keeps a
/// copy), so a revocation, an expiry, a suspension or a new allowlist holds from the next call in every process. The
/// checks, in order: the token's shape and the secret against the stored hash (one code for an unknown prefix and a
/// wrong secret, so neither is told apart), revoked, expired, merchant and tenant active, the caller's address in the
/// merchant's allowlist.
/// </summary>
public sealed class AuthenticatePartnerKey(ITenancyStore store, TimeProvider time)
{
    /// <summary>How stale a key's last-used time may be: a busy key writes it at most once per interval.</summary>
    public static readonly TimeSpan LastUsedInterval = TimeSpan.FromMinutes(1);

    public async Task<Result<PartnerGrant>> AuthenticateAsync(string bearer, IPAddress? remote, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bearer);
        if (ApiKeyToken.Parse(bearer) is not { } token
            || await store.FindForAuthenticationAsync(token.Prefix, cancellationToken) is not { } record
            || !token.Matches(record.Key.SecretHash))
        {
            return new Error(ErrorCodes.ApiKeyInvalid, $"The API key is not valid: send the whole key as 'Authorization: Bearer {ApiKeyToken.Lead}<prefix>_<secret>', as it was shown when it was created.");
        }

        var key = record.Key;
        var now = time.GetUtcNow();
        if (key.RevokedAt is { } revokedAt)
        {
            return new Error(ErrorCodes.ApiKeyRevoked, $"API key {key.Id} was revoked at {revokedAt:O}.");
        }

        if (key.ExpiresAt is { } expiresAt && expiresAt <= now)
        {
            return new Error(ErrorCodes.ApiKeyExpired, $"API key {key.Id} expired at {expiresAt:O}.");
        }

        if (record.MerchantStatus != TenancyStatus.Active || record.TenantStatus != TenancyStatus.Active)
        {
            return new Error(ErrorCodes.MerchantSuspended, $"Merchant {key.Merchant} or its tenant is suspended: its keys act for nobody.");
        }

        var address = remote is { IsIPv4MappedToIPv6: true } ? remote.MapToIPv4() : remote;
        if (address is null || !record.IpAllowlist.Any(range => range.Contains(address)))
        {
            return new Error(ErrorCodes.IpNotAllowed, record.IpAllowlist.Count == 0
                ? $"Merchant {key.Merchant} has an empty IP allowlist, which admits no partner call; an admin sets it (PUT /v1/merchants/{key.Merchant}/ip-allowlist)."
                : $"Address {address?.ToString() ?? "unknown"} is not in merchant {key.Merchant}'s IP allowlist.");
        }

        if (key.LastUsedAt is not { } lastUsed || lastUsed <= now - LastUsedInterval)
        {
            await store.TouchKeyAsync(key.Id, now, now - LastUsedInterval, cancellationToken);
        }

        return new PartnerGrant(key.Id, key.Merchant, record.Tenant, key.Scopes.ToHashSet(StringComparer.Ordinal));
    }
}
