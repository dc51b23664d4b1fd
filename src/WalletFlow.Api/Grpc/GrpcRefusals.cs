using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.Net.Http.Headers;
using WalletFlow.Access;
using WalletFlow.Access.Credentials;
using WalletFlow.Domain.Errors;

namespace WalletFlow.Api.Grpc;

/// <summary>
/// A gRPC call the bearer policy refuses ends as a gRPC status, not as the REST front's problem+json: no or an unknown
/// token is <c>UNAUTHENTICATED</c> (a refused partner key with its own code: revoked, expired, outside the allowlist's
/// <c>PERMISSION_DENIED</c>), a token whose role may not call the method is <c>PERMISSION_DENIED</c>, both with
/// the rich details every WalletFlow error has. Every other request keeps ASP.NET Core's answer.
/// </summary>
internal sealed class GrpcRefusals(BearerCredentials credentials) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(authorizeResult);
        if (!IsGrpc(context.Request) || authorizeResult.Succeeded)
        {
            return _default.HandleAsync(next, context, policy, authorizeResult);
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        GrpcErrorMapping.WriteTrailersOnly(context.Response.Headers, authorizeResult.Forbidden
            ? new Error(ErrorCodes.Forbidden, "This credential may not call this method.")
            : CredentialRefusal.Get(context) ?? new Error(ErrorCodes.Unauthorized, Unauthenticated(context.Request)));
        return Task.CompletedTask;
    }

    private string Unauthenticated(HttpRequest request) =>
        !credentials.AnyConfigured ? $"This server accepts no bearer token: set {OperatorToken.SettingName} and restart."
        : request.Headers[HeaderNames.Authorization].ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? "The bearer token is not valid."
        : "Send a token as 'authorization: Bearer <token>' metadata.";

    private static bool IsGrpc(HttpRequest request) =>
        request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true;
}
