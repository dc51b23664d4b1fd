using WalletFlow.Console.Access;
using WalletFlow.Domain.Errors;
using WalletFlow.Grains.Commands;

namespace WalletFlow.Api.Rest;

/// <summary>
/// Who is calling <c>/v1</c>. Today that is an operator's script with the bearer token (<c>AUTH_TOKEN</c>): always an
/// admin. Partner API keys arrive with the tenancy work and resolve here too, into a caller of their own scope, so
/// every route keeps asking one place. REST is bearer-gated even when the console runs open in development.
/// </summary>
internal static class RestCaller
{
    private const string Prefix = "Bearer ";
    private static readonly object CallerKey = new();

    public static Caller Of(HttpContext context) => (Caller)context.Items[CallerKey]!;

    public static async ValueTask<object?> Authenticate(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var context = invocation.HttpContext;
        var token = context.RequestServices.GetRequiredService<OperatorToken>();
        string? header = context.Request.Headers.Authorization;
        if (!token.IsConfigured)
        {
            return Unauthorized(context, $"The REST API needs a bearer token and none is configured: set {OperatorToken.SettingName}.");
        }

        if (header is null || !header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return Unauthorized(context, "Send the operator token as 'Authorization: Bearer <token>'.");
        }

        if (!token.Matches(header[Prefix.Length..].Trim()))
        {
            return Unauthorized(context, "The bearer token is not valid.");
        }

        context.Items[CallerKey] = Caller.Admin("operator-token");
        return await next(invocation);
    }

    private static IResult Unauthorized(HttpContext context, string message)
    {
        context.Response.Headers.WWWAuthenticate = "Bearer";
        return RestProblems.For(new Error(ErrorCodes.Unauthorized, message));
    }
}
