using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WalletFlow.Access;

namespace WalletFlow.Console.Access;

/// <summary>Development with no <c>AUTH_TOKEN</c>: every console request is a local admin, and the layout says so in a banner.</summary>
internal sealed class OpenConsoleHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string PrincipalName = "local developer";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync() =>
        Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(Principals.Create(PrincipalName, AccessRoles.Admin, Scheme.Name), Scheme.Name)));
}
