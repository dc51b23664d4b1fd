using WalletFlow.Api.Workers;
using WalletFlow.Application.Reconciliation;

namespace WalletFlow.Api.Reconciliation;

/// <summary>
/// Runs the gates on their schedule: each pass claims the current slot, and the replica that claims it runs the gates.
/// Every replica then shows the latest stored run in its red-gates gauge, whoever ran it.
/// </summary>
internal sealed class ReconciliationWorker(
    ReconciliationRunner runner, ReconciliationQueries queries, ReconciliationMetrics metrics, ReconciliationOptions options, TimeProvider time, ILogger<ReconciliationWorker> logger)
    : PollingWorker(time, logger)
{
    protected override TimeSpan PollInterval => TimeSpan.FromSeconds(30);

    protected override async Task<bool> RunPassAsync(CancellationToken cancellationToken)
    {
        await runner.RunScheduledAsync(options.Interval, cancellationToken);
        if (await queries.LatestAsync(cancellationToken) is { } latest)
        {
            metrics.Observe(latest);
        }

        return false;
    }
}
