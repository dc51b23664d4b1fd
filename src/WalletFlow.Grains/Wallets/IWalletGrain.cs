using Orleans;
using WalletFlow.Application.Commands;
using WalletFlow.Grains.Commands;

namespace WalletFlow.Grains.Wallets;

/// <summary>
/// One wallet, keyed by its id: the commands that debit or credit it are serialized here, and the ones that arrive
/// while a batch is committing are committed together in the next (group commit), so a hot wallet is not one posting
/// per database round trip.
/// </summary>
[Alias("walletflow.wallet")]
public interface IWalletGrain : IGrainWithStringKey
{
    /// <summary>
    /// Commits <paramref name="command"/> in the wallet's next batch. A command whose caller gave up before the batch
    /// took it is left out and answers cancelled; once taken, it commits whatever the caller does.
    /// </summary>
    [Alias("commit")]
    Task<CommitAnswer> CommitAsync(PlannedCommand command, CancellationToken cancellationToken);
}
