using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace WalletFlow.Console.Access;

/// <summary>Development with no <c>AUTH_TOKEN</c>: every request is a local admin, and the layout says so in a banner.</summary>
internal sealed class OpenConsoleHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync() =>
        Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(OperatorPrincipal.Create(OperatorPrincipal.OpenName, OpsRoles.Admin, Scheme.Name), Scheme.Name)));
}
