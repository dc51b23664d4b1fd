using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using WalletFlow.Access.Credentials;
using WalletFlow.Domain.Errors;

namespace WalletFlow.Access;

/// <summary>
/// <c>Authorization: Bearer &lt;token&gt;</c>, for one request. A refusal answers problem+json that says what to send;
/// the token itself is never written to a log, a problem, or a trace.
/// </summary>
internal sealed class BearerAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, BearerCredentials credentials, IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const string Prefix = "Bearer ";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers[HeaderNames.Authorization];
        if (header is null || !header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        return Task.FromResult(credentials.Identify(header[Prefix.Length..].Trim(), Scheme.Name) is { } principal
            ? AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name))
            : AuthenticateResult.Fail("The bearer token is not one this server accepts."));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers[HeaderNames.WWWAuthenticate] = "Bearer";
        var result = await HandleAuthenticateOnceSafeAsync();
        var detail = !credentials.AnyConfigured
            ? $"This server accepts no bearer token: set {OperatorToken.SettingName} and restart."
            : result.Failure is not null
                ? "The bearer token is not valid."
                : "Send a token as 'Authorization: Bearer <token>'.";
        await WriteProblemAsync(StatusCodes.Status401Unauthorized, ErrorCodes.Unauthorized, "Unauthorized", detail);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteProblemAsync(StatusCodes.Status403Forbidden, ErrorCodes.Forbidden, "Forbidden", "This credential may not call this route.");

    private async Task WriteProblemAsync(int status, string code, string title, string detail)
    {
        Response.StatusCode = status;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = { Status = status, Title = title, Detail = detail, Extensions = { ["code"] = code } },
        });
    }
}
