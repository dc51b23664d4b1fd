using WalletFlow.Api.Workers;
using WalletFlow.Application.Outbox;

namespace WalletFlow.Api.Outbox;

/// <summary>
/// Runs this process's outbox relay beside every other process's, and reads the outbox's lag for the metrics. A
/// failed batch is rolled back and its events wait for the next pass (this relay's or another's).
/// </summary>
internal sealed class OutboxRelayWorker(OutboxRelay relay, OutboxMetrics metrics, OutboxRelayOptions options, TimeProvider time, ILogger<OutboxRelayWorker> logger)
    : PollingWorker(time, logger)
{
    private DateTimeOffset _nextFigures = DateTimeOffset.MinValue;

    protected override TimeSpan PollInterval => options.PollInterval;

    protected override async Task<bool> RunPassAsync(CancellationToken cancellationToken)
    {
        var published = await relay.RelayNextAsync(cancellationToken);
        if (Time.GetUtcNow() >= _nextFigures)
        {
            await metrics.RefreshAsync(cancellationToken);
            _nextFigures = Time.GetUtcNow() + options.FiguresInterval;
        }

        return published >= OutboxRelay.BatchSize;
    }
}
