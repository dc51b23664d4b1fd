using WalletFlow.Console.Access;
using WalletFlow.Domain.Errors;
using WalletFlow.Grains.Commands;

namespace WalletFlow.Api.Access;

/// <summary>
/// Who is calling the API, for every front that moves money (REST <c>/v1</c>, the gRPC wallet services): today an
/// operator's script with the bearer token (<c>AUTH_TOKEN</c>), always an admin. Partner API keys arrive with the
/// tenancy work and resolve here too, into a caller of their own scope. The API is bearer-gated even when the console
/// runs open in development.
/// </summary>
public static class BearerCaller
{
    public const string Scheme = "Bearer";

    private const string Prefix = Scheme + " ";

    /// <summary>The caller an <c>Authorization</c> header (or <c>authorization</c> metadata) names, or <c>UNAUTHORIZED</c>.</summary>
    public static Result<Caller> Authenticate(OperatorToken token, string? authorization)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (!token.IsConfigured)
        {
            return Unauthorized($"The API needs a bearer token and none is configured: set {OperatorToken.SettingName}.");
        }

        if (authorization is null || !authorization.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return Unauthorized("Send the operator token as 'Authorization: Bearer <token>'.");
        }

        return token.Matches(authorization[Prefix.Length..].Trim()) ? Caller.Admin("operator-token") : Unauthorized("The bearer token is not valid.");
    }

    private static Error Unauthorized(string message) => new(ErrorCodes.Unauthorized, message);
}
