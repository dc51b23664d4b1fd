using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using WalletFlow.Access;

namespace WalletFlow.Tests.Infrastructure;

/// <summary>
/// Makes every authenticated principal an operator with no rights, so the role dimension of every rule can be proven
/// over HTTP with the one bearer token (Google sign-in's operator sessions exist only in the console).
/// </summary>
public sealed class OperatorsOnly : IClaimsTransformation
{
    public Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal) =>
        Task.FromResult(principal.Identity is { IsAuthenticated: true } identity
            ? Principals.Create(identity.Name ?? "operator", AccessRoles.Operator, identity.AuthenticationType ?? "test")
            : principal);
}
