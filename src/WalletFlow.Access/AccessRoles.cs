using WalletFlow.Application.Commands;
using WalletFlow.Application.ConsoleAccess;

namespace WalletFlow.Access;

/// <summary>The roles a principal can hold. Admins do everything; operators everything but the controls and settings.</summary>
public static class AccessRoles
{
    public const string Admin = "admin";
    public const string Operator = "operator";

    /// <summary>A partner's API key (docs/tenancy.md): its merchant's idempotency scope, the commands the registry opens to partners and the wallet reads, within its scopes.</summary>
    public const string Partner = "partner";

    /// <summary>The role name of what the console's allowlists give a person.</summary>
    public static string Of(ConsoleRole role) => role == ConsoleRole.Admin ? Admin : Operator;

    /// <summary>The role names of a registry entry's <see cref="CallerRoles"/>.</summary>
    public static string[] Of(CallerRoles roles) =>
    [
        .. roles.HasFlag(CallerRoles.Admin) ? [Admin] : Array.Empty<string>(),
        .. roles.HasFlag(CallerRoles.Operator) ? [Operator] : Array.Empty<string>(),
        .. roles.HasFlag(CallerRoles.Partner) ? [Partner] : Array.Empty<string>(),
    ];
}
