using WalletFlow.Access;
using WalletFlow.Access.Credentials;
using WalletFlow.Domain.Errors;
using WalletFlow.Grains.Commands;

namespace WalletFlow.Api.Access;

/// <summary>
/// The caller an <c>authorization</c> metadata entry names on the gRPC endpoint, which does not run ASP.NET Core's
/// authorization (its calls are dispatched outside routing): the same credentials and principals as every other front.
/// </summary>
public static class BearerCaller
{
    private const string Prefix = "Bearer ";

    /// <summary>The caller, if the token is one of ours and its role is one of <paramref name="allowed"/>; else <c>UNAUTHORIZED</c> or <c>FORBIDDEN</c>.</summary>
    public static Result<Caller> Authenticate(BearerCredentials credentials, string? authorization, CallerRoles allowed)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        if (!credentials.AnyConfigured)
        {
            return Unauthorized($"This server accepts no bearer token: set {OperatorToken.SettingName} and restart.");
        }

        if (authorization is null || !authorization.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return Unauthorized("Send a token as 'authorization: Bearer <token>' metadata.");
        }

        if (credentials.Identify(authorization[Prefix.Length..].Trim(), AccessSchemes.Bearer) is not { } principal)
        {
            return Unauthorized("The bearer token is not valid.");
        }

        var caller = principal.ToCaller();
        return (caller.Roles & allowed) != 0 ? caller : new Error(ErrorCodes.Forbidden, "This credential may not call this method.");
    }

    private static Error Unauthorized(string message) => new(ErrorCodes.Unauthorized, message);
}
