using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.Logging;
using WalletFlow.Access;
using WalletFlow.Application.ConsoleAccess;

namespace WalletFlow.Console.Circuit;

/// <summary>
/// A page's request re-asks the allowlists for a Google session (<see cref="Access.GoogleSignIn.RevalidateAsync"/>); a
/// circuit makes no requests after it connects, so this asks them again every few seconds: an email taken off the lists,
/// or whose role changed, loses the circuit's principal, and a live page then reloads into the ordinary rules.
/// Token and bearer sessions are not governed by the lists, as on every request.
/// </summary>
internal sealed class CircuitRevalidation(ILoggerFactory loggerFactory, ConsoleAllowlist allowlist)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromSeconds(5);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        var user = authenticationState.User;
        if (user.SignedInEmail() is not { } email)
        {
            return true;
        }

        return (await allowlist.DecideAsync(email, cancellationToken)).TryGetValue(out var role, out _) && user.IsInRole(AccessRoles.Of(role));
    }
}
