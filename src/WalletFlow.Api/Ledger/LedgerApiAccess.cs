using WalletFlow.Access;
using WalletFlow.Api.Rest;
using WalletFlow.Domain.Errors;

namespace WalletFlow.Api.Ledger;

/// <summary>
/// The surface's refusals that are about who calls, not what they send: answered as problem+json like every other
/// 401/403 of the host (Formance's error codes have no word for them).
/// </summary>
internal static partial class LedgerApiAccess
{
    public static IResult WritesOff() => RestProblems.For(new Error(
        ErrorCodes.Forbidden,
        $"The ledger's raw write surface is off on this server ({LedgerApiModes.SettingName}=read); move money through the /v1 commands, or ask an operator to set {LedgerApiModes.SettingName}=read-write."));

    /// <summary>
    /// Null when <paramref name="force"/> is not asked or the caller holds <see cref="AccessRights.LedgerForce"/> (its use is
    /// then logged); otherwise the 403 that refuses it.
    /// </summary>
    public static IResult? ForceRefusal(HttpContext context, bool force, string ledger, string operation)
    {
        if (!force)
        {
            return null;
        }

        if (!context.User.HasRight(AccessRights.LedgerForce))
        {
            return RestProblems.For(new Error(
                ErrorCodes.Forbidden,
                $"force=true lets accounts overdraw, skipping the ledger's funds check; it needs the {AccessRights.LedgerForce} right, which this credential does not hold.",
                "force"));
        }

        ForceUsed(context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(LedgerApiAccess)), context.User.Identity?.Name, operation, ledger);
        return null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ledger force used by {Caller}: {Operation} on ledger {Ledger} may overdraw accounts")]
    private static partial void ForceUsed(ILogger logger, string? caller, string operation, string ledger);
}
