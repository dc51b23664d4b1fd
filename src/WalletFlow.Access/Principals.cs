using System.Security.Claims;
using WalletFlow.Application.Commands;

namespace WalletFlow.Access;

/// <summary>The shape of every WalletFlow principal (a name, one role, rights), and the command caller it is.</summary>
public static class Principals
{
    public static ClaimsPrincipal Create(string name, string role, string authenticationType, params string[] rights) =>
        new(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, role), .. rights.Select(right => new Claim(AccessRights.ClaimType, right))],
            authenticationType, ClaimTypes.Name, ClaimTypes.Role));

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
            : new Caller(name, CallerRoles.None, Caller.OperatorScope);
    }
}
