using WalletFlow.Application.Outbox;

namespace WalletFlow.Api.Outbox;

/// <summary>
/// Runs this process's outbox relay beside every other process's, and reads the outbox's lag for the metrics. A
/// failed batch is rolled back and its events wait for the next pass (this relay's or another's).
/// </summary>
internal sealed partial class OutboxRelayWorker(OutboxRelay relay, OutboxMetrics metrics, OutboxRelayOptions options, TimeProvider time, ILogger<OutboxRelayWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var nextFigures = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            var published = 0;
            try
            {
                published = await relay.RelayNextAsync(stoppingToken);
                if (time.GetUtcNow() >= nextFigures)
                {
                    await metrics.RefreshAsync(stoppingToken);
                    nextFigures = time.GetUtcNow() + options.FiguresInterval;
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogBatchFailed(exception);
            }

            if (published < OutboxRelay.BatchSize)
            {
                await Task.Delay(options.PollInterval, time, stoppingToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "An outbox batch failed; its events wait for the next pass")]
    private partial void LogBatchFailed(Exception exception);
}
