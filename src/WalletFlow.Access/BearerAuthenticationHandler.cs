using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using WalletFlow.Access.Credentials;
using WalletFlow.Application.Tenancy;
using WalletFlow.Domain.Errors;

namespace WalletFlow.Access;

/// <summary>
/// <c>Authorization: Bearer &lt;token&gt;</c>, for one request: an operator token, or a partner API key
/// (<c>wf_live_...</c>), which is checked against its row on every request. A refusal answers problem+json that says
/// what to send, with the exact code of a refused key; the token itself is never written to a log, a problem, or a trace.
/// </summary>
internal sealed class BearerAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    BearerCredentials credentials,
    IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const string Prefix = "Bearer ";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers[HeaderNames.Authorization];
        if (header is null || !header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var token = header[Prefix.Length..].Trim();
        if (ApiKeyToken.LooksLikeKey(token))
        {
            // Resolved only for a key: a host that serves no partner (a bare test host) needs no tenancy store.
            var partnerKeys = Context.RequestServices.GetRequiredService<AuthenticatePartnerKey>();
            var partner = await partnerKeys.AuthenticateAsync(token, Context.Connection.RemoteIpAddress, Context.RequestAborted);
            if (partner.TryGetValue(out var grant, out var refused))
            {
                return AuthenticateResult.Success(new AuthenticationTicket(Principals.CreateForPartner(grant, Scheme.Name), Scheme.Name));
            }

            CredentialRefusal.Set(Context, refused);
            return AuthenticateResult.Fail(refused.Code);
        }

        return credentials.Identify(token, Scheme.Name) is { } principal
            ? AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name))
            : AuthenticateResult.Fail("The bearer token is not one this server accepts.");
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        if (CredentialRefusal.Get(Context) is { } refusal)
        {
            var forbidden = CredentialRefusal.IsForbidden(refusal);
            if (!forbidden)
            {
                Response.Headers[HeaderNames.WWWAuthenticate] = "Bearer";
            }

            await WriteProblemAsync(
                forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status401Unauthorized, refusal.Code, forbidden ? "Forbidden" : "Unauthorized", refusal.Message);
            return;
        }

        Response.Headers[HeaderNames.WWWAuthenticate] = "Bearer";
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
