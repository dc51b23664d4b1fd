using WalletFlow.Application.Commands;
using WalletFlow.Ledger;

namespace WalletFlow.Persistence.Commands;

/// <summary>Builds a command's receipt from its plan and the ledger transaction it posted.</summary>
internal static class Receipts
{
    public static CommandReceipt<object> For(PlannedCommand command, LedgerTransaction? transaction, DateTimeOffset completedAt) => new(
        command.Id.ToString(),
        command.Command,
        command.IdempotencyKey,
        CommandReceipt<object>.Completed,
        transaction?.Id,
        transaction?.Postings.Select(LedgerViews.Posting).ToList() ?? [],
        transaction is null ? [] : BalancesAfter(transaction),
        command.Plan.Data,
        completedAt);

    /// <summary>Every account the transaction touched except <c>world</c>, whose balance is the outside world's, not an account anyone reads.</summary>
    private static List<ReceiptBalance> BalancesAfter(LedgerTransaction transaction) =>
    [
        .. transaction.PostCommitVolumes
            .Where(account => account.Key != "world")
            .OrderBy(account => account.Key, StringComparer.Ordinal)
            .SelectMany(account => account.Value.Select(asset => LedgerViews.Balance(account.Key, asset.Key, asset.Value.Balance))),
    ];
}
