using System.Security.Claims;
using WalletFlow.Application.Commands;
using WalletFlow.Application.Tenancy;
using WalletFlow.Domain.Ids;

namespace WalletFlow.Access;

/// <summary>The shape of every WalletFlow principal (a name, one role, rights), and the command caller it is.</summary>
public static class Principals
{
    public static ClaimsPrincipal Create(string name, string role, string authenticationType, params string[] rights) =>
        new(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, role), .. rights.Select(right => new Claim(AccessRights.ClaimType, right))],
            authenticationType, ClaimTypes.Name, ClaimTypes.Role));

    /// <summary>The merchant a partner key acts for, its tenant, and each operation it may call.</summary>
    private const string MerchantClaim = "walletflow:merchant";
    private const string TenantClaim = "walletflow:tenant";
    private const string ScopeClaim = "walletflow:scope";

    /// <summary>A partner API key: named by its key id, role <c>partner</c>, never a right.</summary>
    public static ClaimsPrincipal CreateForPartner(PartnerGrant grant, string authenticationType)
    {
        ArgumentNullException.ThrowIfNull(grant);
        return new(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.Name, grant.Key.ToString()),
                new Claim(ClaimTypes.Role, AccessRoles.Partner),
                new Claim(MerchantClaim, grant.Merchant.Value),
                new Claim(TenantClaim, grant.Tenant.ToString()),
                .. grant.Scopes.Select(scope => new Claim(ScopeClaim, scope)),
            ],
            authenticationType, ClaimTypes.Name, ClaimTypes.Role));
    }

    /// <summary>How a person who signed in with an email proved it: the sessions the allowlists govern carry it.</summary>
    public const string GoogleMethod = "google";

    /// <summary>A person signed in with Google as <paramref name="email"/>: named by the email, with the role the allowlists give it.</summary>
    public static ClaimsPrincipal CreateForEmail(string email, string role, string authenticationType) =>
        new(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, email), new Claim(ClaimTypes.Email, email), new Claim(ClaimTypes.Role, role), new Claim(ClaimTypes.AuthenticationMethod, GoogleMethod)],
            authenticationType, ClaimTypes.Name, ClaimTypes.Role));

    /// <summary>The email a Google session was signed in with; null for a token, bearer or open-mode principal, which no allowlist governs.</summary>
    public static string? SignedInEmail(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.HasClaim(ClaimTypes.AuthenticationMethod, GoogleMethod) ? user.FindFirst(ClaimTypes.Email)?.Value : null;
    }

    public static bool HasRight(this ClaimsPrincipal user, string right)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.HasClaim(AccessRights.ClaimType, right);
    }

    /// <summary>The command caller <paramref name="user"/> is; the route's policy already admitted it.</summary>
    public static Caller ToCaller(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var name = user.Identity?.Name is { Length: > 0 } named ? named : "anonymous";
        return user.IsInRole(AccessRoles.Admin) ? Caller.Admin(name)
            : user.IsInRole(AccessRoles.Operator) ? Caller.Operator(name)
            : user.IsInRole(AccessRoles.Partner) && Grant(user) is { } grant ? Caller.ForPartner(grant)
            : new Caller(name, CallerRoles.None, Caller.OperatorScope);
    }

    /// <summary>The grant a partner principal carries; null when a claim is missing or malformed (the caller then may do nothing).</summary>
    private static PartnerGrant? Grant(ClaimsPrincipal user) =>
        ApiKeyId.Parse(user.Identity?.Name).TryGetValue(out var key, out _)
        && MerchantId.Parse(user.FindFirst(MerchantClaim)?.Value).TryGetValue(out var merchant, out _)
        && TenantId.Parse(user.FindFirst(TenantClaim)?.Value).TryGetValue(out var tenant, out _)
            ? new PartnerGrant(key, merchant, tenant, user.FindAll(ScopeClaim).Select(claim => claim.Value).ToHashSet(StringComparer.Ordinal))
            : null;
}
