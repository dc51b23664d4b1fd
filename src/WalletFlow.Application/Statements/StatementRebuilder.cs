using WalletFlow.Domain.Ids;
using WalletFlow.Ledger;

namespace WalletFlow.Application.Statements;

/// <summary>
/// Runs a requested statement rebuild: leases it, then replaces each wallet's lines with the movements the ledger has
/// for it, in wallet order, recording how far it got after each wallet. A process that dies mid-rebuild leaves the
/// lease to run out, and the next process resumes after the last wallet done.
/// </summary>
public sealed class StatementRebuilder(IStatementRebuilds rebuilds, ILedger ledger, string ledgerName, TimeProvider time)
{
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    private const int WalletBatch = 100;
    private const int LedgerPage = 100;

    /// <summary>Runs the rebuild that waits, if any, to its end; whether there was one.</summary>
    public async Task<bool> RunAsync(CancellationToken cancellationToken)
    {
        if (await rebuilds.LeaseAsync(time.GetUtcNow(), time.GetUtcNow() + Lease, cancellationToken) is not { } leased)
        {
            return false;
        }

        var after = leased.LastWallet;
        while (await rebuilds.WalletsAfterAsync(after, WalletBatch, cancellationToken) is { Count: > 0 } wallets)
        {
            foreach (var wallet in wallets)
            {
                if (!await rebuilds.ReplaceWalletAsync(leased, wallet, token => MovementsAsync(wallet, token), time.GetUtcNow() + Lease, cancellationToken))
                {
                    return true;
                }
            }

            after = wallets[^1];
        }

        await rebuilds.FinishAsync(leased, time.GetUtcNow(), cancellationToken);
        return true;
    }

    private async Task<IReadOnlyList<WalletMovement>> MovementsAsync(WalletId wallet, CancellationToken cancellationToken)
    {
        var movements = new List<WalletMovement>();
        string? cursor = null;
        do
        {
            var read = await ledger.ListTransactionsAsync(ledgerName, new TransactionQuery { Account = $"wallets:{wallet}:", PageSize = LedgerPage, Cursor = cursor }, cancellationToken);
            if (!read.TryGetValue(out var page, out var error))
            {
                throw new InvalidOperationException($"The ledger did not list the transactions of {wallet}: {error}");
            }

            movements.AddRange(page.Items.SelectMany(WalletMovement.Of).Where(movement => movement.Wallet == wallet));
            cursor = page.Next;
        }
        while (cursor is not null);

        return movements;
    }
}
