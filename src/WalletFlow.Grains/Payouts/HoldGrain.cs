using Orleans;
using WalletFlow.Application.Commands;
using WalletFlow.Application.Payouts;
using WalletFlow.Domain.Ids;
using WalletFlow.Grains.Commands;

namespace WalletFlow.Grains.Payouts;

/// <summary>
/// Keeps the hold's status, loaded on activation, and refuses a step its status does not allow before touching the
/// database. Another process may have moved the hold meanwhile (or another activation, during a membership change):
/// the journal's guarded update then refuses the step, and the grain reloads the status.
/// </summary>
public sealed class HoldGrain(IHoldStore store, ICommandJournal journal) : Grain, IHoldGrain
{
    private HoldStatus? _status;

    private HoldId Id => HoldId.Parse(this.GetPrimaryKeyString()).Value;

    public override async Task OnActivateAsync(CancellationToken cancellationToken) =>
        _status = (await store.FindAsync(Id, cancellationToken))?.Status;

    public async Task<CommitAnswer> CommitAsync(PlannedCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var move = command.Plan.Changes.OfType<MoveHold>().Single();
        if (_status is not { } status || !move.From.Contains(status))
        {
            return CommitAnswer.From(Holds.NotOpen(Id, _status));
        }

        var outcome = (await journal.CommitAsync([command], CancellationToken.None))[0];
        _status = outcome.IsSuccess && !outcome.Value.Replayed ? move.To : (await store.FindAsync(Id, CancellationToken.None))?.Status;
        return CommitAnswer.From(outcome);
    }
}
