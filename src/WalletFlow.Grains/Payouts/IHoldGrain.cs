using WalletFlow.Domain.Errors;
using WalletFlow.Domain.Ids;
using WalletFlow.Grains.Commands;
using WalletFlow.Grains.Runtime;

namespace WalletFlow.Grains.Payouts;

/// <summary>One payout hold, keyed by its id: its state machine moves one step at a time.</summary>
public interface IHoldGrain
{
    Task<Result<CommandOutcome>> CommitAsync(PlannedCommand command);
}

/// <summary>
/// Keeps the hold's status, loaded on activation, and refuses a step its status does not allow before touching the
/// database. Another process may have moved the hold meanwhile: the journal's guarded update then refuses the step,
/// and the grain reloads the status.
/// </summary>
public sealed class HoldGrain(HoldId id, IHoldStore store, ICommandJournal journal) : IHoldGrain, IGrainLifecycle
{
    private HoldStatus? _status;

    public async Task OnActivateAsync() => _status = (await store.FindAsync(id, CancellationToken.None))?.Status;

    public Task OnDeactivateAsync(DeactivationReason reason) => Task.CompletedTask;

    public async Task<Result<CommandOutcome>> CommitAsync(PlannedCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var move = command.Plan.Changes.OfType<MoveHold>().Single();
        if (_status is not { } status || !move.From.Contains(status))
        {
            return Holds.NotOpen(id, _status);
        }

        var outcome = (await journal.CommitAsync([command], CancellationToken.None))[0];
        _status = outcome.IsSuccess && !outcome.Value.Replayed ? move.To : (await store.FindAsync(id, CancellationToken.None))?.Status;
        return outcome;
    }
}
