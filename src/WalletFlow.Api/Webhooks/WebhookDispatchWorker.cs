using WalletFlow.Api.Workers;
using WalletFlow.Application.Webhooks;

namespace WalletFlow.Api.Webhooks;

/// <summary>Sends this process's share of the due webhook deliveries, beside every other process's.</summary>
internal sealed class WebhookDispatchWorker(WebhookDispatcher dispatcher, WebhookOptions options, TimeProvider time, ILogger<WebhookDispatchWorker> logger)
    : PollingWorker(time, logger)
{
    protected override TimeSpan PollInterval => options.PollInterval;

    protected override async Task<bool> RunPassAsync(CancellationToken cancellationToken) =>
        await dispatcher.DispatchDueAsync(cancellationToken) >= options.BatchSize;
}
