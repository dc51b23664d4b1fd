using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using WalletFlow.Access;

namespace WalletFlow.Tests.Infrastructure;

/// <summary>
/// Makes every authenticated principal an operator with no rights: stands in for a credential that names an operator
/// (people signing in by name arrive with a later issue), so the role dimension of the rules can be proven over HTTP.
/// </summary>
public sealed class OperatorsOnly : IClaimsTransformation
{
    public Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal) =>
        Task.FromResult(principal.Identity is { IsAuthenticated: true } identity
            ? Principals.Create(identity.Name ?? "operator", AccessRoles.Operator, identity.AuthenticationType ?? "test")
            : principal);
}
