using System.Security.Claims;
using WalletFlow.Access;
using WalletFlow.Application.Commands;

namespace WalletFlow.Tests.Access;

public sealed class PrincipalsTests
{
    [Fact]
    public void A_principal_is_an_admin_or_an_operator_caller_sharing_the_operators_scope_with_scripts()
    {
        Assert.Equal(Caller.Admin("ada"), Principals.Create("ada", AccessRoles.Admin, "test").ToCaller());
        Assert.Equal(Caller.Operator("ada"), Principals.Create("ada", AccessRoles.Operator, "test").ToCaller());
        Assert.Equal(Caller.OperatorScope, Principals.Create("ada", AccessRoles.Operator, "test").ToCaller().Scope);
    }

    [Fact]
    public void A_principal_without_a_known_role_is_a_caller_no_command_admits()
    {
        var stranger = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "eve")], "test"));

        Assert.Equal(CallerRoles.None, stranger.ToCaller().Roles);
    }

    [Fact]
    public void A_right_is_held_only_when_the_credential_names_it()
    {
        Assert.True(Principals.Create("ops", AccessRoles.Admin, "test", AccessRights.LedgerForce).HasRight(AccessRights.LedgerForce));
        Assert.False(Principals.Create("ops", AccessRoles.Admin, "test").HasRight(AccessRights.LedgerForce));
    }

    [Fact]
    public void Registry_roles_become_role_names()
    {
        Assert.Equal([AccessRoles.Admin, AccessRoles.Operator], AccessRoles.Of(CallerRoles.Operators));
        Assert.Equal([AccessRoles.Admin, AccessRoles.Operator, AccessRoles.Partner], AccessRoles.Of(CallerRoles.Everyone));
    }
}
