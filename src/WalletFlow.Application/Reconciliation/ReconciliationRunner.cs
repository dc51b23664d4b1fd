using WalletFlow.Application.Commands;
using WalletFlow.Application.ChartOfAccounts;
using WalletFlow.Domain.Errors;
using WalletFlow.Domain.Ids;

namespace WalletFlow.Application.Reconciliation;

/// <summary>
/// Runs the four gates over one snapshot and stores the run with its alerts. A run moves no money and changes nothing
/// the gates read, so running it twice is harmless: it needs no idempotency key, and an operator may run it at will.
/// </summary>
public sealed class ReconciliationRunner(IReconciliationReads reads, IReconciliationRuns runs, ChartCatalog catalog, ReconciliationMetrics metrics, TimeProvider time)
{
    /// <summary>The name a scheduled run is recorded under.</summary>
    public const string ScheduleName = "schedule";

    public async Task<Result<ReconciliationRunData>> RunAsync(RunTrigger trigger, string requestedBy, CancellationToken cancellationToken)
    {
        var runId = ReconciliationRunId.New(time);
        var startedAt = Now();
        if (!(await reads.ReadAsync(ReconciliationGates.MismatchLimit, cancellationToken)).TryGetValue(out var snapshot, out var error))
        {
            return error;
        }

        var gates = ReconciliationGates.Evaluate(snapshot, await catalog.LoadedChartAsync(cancellationToken), await catalog.DetectTemplateDriftAsync(cancellationToken));
        var run = new ReconciliationRunData(
            runId.ToString(), RequestValidator.ToSnakeCase(trigger.ToString()), requestedBy, startedAt, Now(), gates.All(gate => gate.Passed), gates);
        await runs.SaveAsync(run, cancellationToken);
        metrics.Record(run);
        return run;
    }

    /// <summary>Runs the gates for the schedule's slot that contains now, unless a process already ran it; the run, or null.</summary>
    public async Task<Result<ReconciliationRunData>?> RunScheduledAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var slot = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % interval.Ticks), TimeSpan.Zero);
        if (!await runs.ClaimSlotAsync(slot, cancellationToken))
        {
            return null;
        }

        return await RunAsync(RunTrigger.Schedule, ScheduleName, cancellationToken);
    }

    /// <summary>Now, to the microsecond Postgres keeps, so a run answered equals the run read back.</summary>
    private DateTimeOffset Now()
    {
        var now = time.GetUtcNow();
        return now.AddTicks(-(now.UtcTicks % TimeSpan.TicksPerMicrosecond));
    }
}
