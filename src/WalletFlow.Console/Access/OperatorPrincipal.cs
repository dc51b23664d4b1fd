using System.Security.Claims;

namespace WalletFlow.Console.Access;

/// <summary>The identities the console knows today; an operator-role identity arrives with a sign-in that names people.</summary>
public static class OperatorPrincipal
{
    public const string TokenName = "operator token";
    public const string OpenName = "local developer";

    public static ClaimsPrincipal Create(string name, string role, string authenticationType) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, role)], authenticationType, ClaimTypes.Name, ClaimTypes.Role));
}
