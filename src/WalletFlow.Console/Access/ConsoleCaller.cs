using System.Security.Claims;
using WalletFlow.Grains.Commands;

namespace WalletFlow.Console.Access;

/// <summary>The command caller a console session is: its role decides, and its keys share the operators' scope with REST scripts.</summary>
public static class ConsoleCaller
{
    public static Caller Of(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var name = user.Identity?.Name is { Length: > 0 } named ? named : "console";
        return user.IsInRole(OpsRoles.Admin) ? Caller.Admin(name) : Caller.Operator(name);
    }
}
