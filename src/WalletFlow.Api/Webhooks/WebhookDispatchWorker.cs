using WalletFlow.Api.Workers;
using WalletFlow.Application.Webhooks;

namespace WalletFlow.Api.Webhooks;

/// <summary>Sends this process's share of the due webhook deliveries, beside every other process's, and reads the queue's figures for the metrics.</summary>
internal sealed class WebhookDispatchWorker(WebhookDispatcher dispatcher, WebhookMetrics metrics, WebhookOptions options, TimeProvider time, ILogger<WebhookDispatchWorker> logger)
    : PollingWorker(time, logger)
{
    private static readonly TimeSpan FiguresInterval = TimeSpan.FromSeconds(5);

    private DateTimeOffset _nextFigures = DateTimeOffset.MinValue;

    protected override TimeSpan PollInterval => options.PollInterval;

    protected override async Task<bool> RunPassAsync(CancellationToken cancellationToken)
    {
        var sent = await dispatcher.DispatchDueAsync(cancellationToken);
        if (Time.GetUtcNow() >= _nextFigures)
        {
            await metrics.RefreshAsync(cancellationToken);
            _nextFigures = Time.GetUtcNow() + FiguresInterval;
        }

        return sent >= options.BatchSize;
    }
}
