using WalletFlow.Domain.Errors;

namespace WalletFlow.Application.Commands;

/// <summary>
/// The one place that decides whether a caller may run a command or a query. Every front goes through the executor,
/// so partner API keys, IP allowlists or per-merchant limits grow here and nowhere else.
/// </summary>
public static class CommandAuthorization
{
    public static Error? Check(Caller caller, string operation, CallerRoles allowed)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return (caller.Roles & allowed) != 0
            ? null
            : new Error(ErrorCodes.Forbidden, $"{caller.Name} may not call {operation}: it needs one of the roles {allowed}.");
    }
}
