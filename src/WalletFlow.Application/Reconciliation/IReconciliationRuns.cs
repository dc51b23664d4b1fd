using WalletFlow.Domain.Ids;

namespace WalletFlow.Application.Reconciliation;

/// <summary>The stored runs of the gates, and the alerts a red gate raises.</summary>
public interface IReconciliationRuns
{
    /// <summary>
    /// Claims a slot of the schedule for this process; false when another process (or an earlier pass) already has it,
    /// so the replicas run each scheduled slot once between them.
    /// </summary>
    Task<bool> ClaimSlotAsync(DateTimeOffset slot, CancellationToken cancellationToken);

    /// <summary>
    /// Stores the run and, in the same transaction, opens an alert for each red gate that has none open and resolves
    /// the open alert of each green one.
    /// </summary>
    Task SaveAsync(ReconciliationRunData run, CancellationToken cancellationToken);

    Task<IReadOnlyList<ReconciliationRunData>> ListAsync(int limit, CancellationToken cancellationToken);

    Task<ReconciliationRunData?> FindAsync(ReconciliationRunId runId, CancellationToken cancellationToken);
}
