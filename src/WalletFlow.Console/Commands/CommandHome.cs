using WalletFlow.Application.Commands;

namespace WalletFlow.Console.Commands;

/// <summary>
/// Which page shows a command's form. A few commands belong with what they act on (a wallet is created on Wallets,
/// a hold is settled from its row on Payouts, a webhook is replayed from its row on Webhooks, flags are set on
/// Controls); every other command, a new one included, is on Operations.
/// </summary>
public static class CommandHome
{
    private static readonly Dictionary<string, string> Elsewhere = new(StringComparer.Ordinal)
    {
        ["createWallet"] = OpsPaths.Wallets,
        ["settleHold"] = OpsPaths.Payouts,
        ["releaseHold"] = OpsPaths.Payouts,
        ["submitPayout"] = OpsPaths.Payouts,
        ["markPayoutManualReview"] = OpsPaths.Payouts,
        ["setFeatureFlag"] = OpsPaths.Controls,
        ["rebuildStatements"] = OpsPaths.Reconciliation,
        ["createWebhookEndpoint"] = OpsPaths.Webhooks,
        ["rotateWebhookSecret"] = OpsPaths.Webhooks,
        ["replayWebhookDelivery"] = OpsPaths.Webhooks,
        ["discardWebhookDelivery"] = OpsPaths.Webhooks,
    };

    /// <summary>The pages that open a form named in their query (<c>?command=settleHold</c>), as a row's action does.</summary>
    private static readonly HashSet<string> OpenedByQuery = new(StringComparer.Ordinal) { OpsPaths.Payouts, OpsPaths.Webhooks };

    public static bool IsOnOperations(CommandDescriptor command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return !Elsewhere.ContainsKey(command.Name);
    }

    /// <summary>The page whose form runs <paramref name="command"/>, with the query that opens that form.</summary>
    public static string FormPath(CommandDescriptor command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return Elsewhere.TryGetValue(command.Name, out var page)
            ? OpenedByQuery.Contains(page) ? $"{page}?command={command.Name}" : page
            : $"{OpsPaths.Operations}?command={command.Name}";
    }

    /// <summary>The operations page's picker: every command not homed elsewhere, by area in the registry's order.</summary>
    public static IReadOnlyList<IGrouping<string, CommandDescriptor>> OperationsByArea() =>
        [.. CommandRegistry.All.Where(IsOnOperations).GroupBy(command => command.Area)];
}
