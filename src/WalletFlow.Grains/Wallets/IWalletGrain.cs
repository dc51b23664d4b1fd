using WalletFlow.Domain.Errors;
using WalletFlow.Grains.Commands;
using WalletFlow.Grains.Runtime;

namespace WalletFlow.Grains.Wallets;

/// <summary>
/// One wallet, keyed by its id: the commands that debit or credit it are serialized here, and the ones that queue up
/// behind a running batch are committed together in the next (group commit), so a hot wallet is not one posting per
/// round trip.
/// </summary>
public interface IWalletGrain : IBatchingGrain<PlannedCommand, Result<CommandOutcome>>;

/// <summary>The wallet grain: its state is the ledger's, so it only batches; the ledger's locks and the journal's constraints decide.</summary>
public sealed class WalletGrain(ICommandJournal journal) : IWalletGrain
{
    public Task<IReadOnlyList<Result<CommandOutcome>>> HandleBatchAsync(IReadOnlyList<PlannedCommand> requests) =>
        journal.CommitAsync(requests, CancellationToken.None);
}
