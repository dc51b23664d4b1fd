using Microsoft.Extensions.Logging;

namespace WalletFlow.Application.Webhooks;

/// <summary>
/// Works the delivery queue: leases the due deliveries, sends them at once, and records each attempt with what comes
/// next, delivered, another attempt on the <see cref="RetrySchedule"/>, or dead. Several processes share the queue
/// through the leases; a dispatcher killed mid-attempt records nothing, and its deliveries are sent again when their
/// leases run out, under the same <c>webhook-id</c>.
/// </summary>
public sealed partial class WebhookDispatcher(
    IWebhookDeliveryStore store, IWebhookSender sender, WebhookMetrics metrics, WebhookOptions options, TimeProvider time, ILogger<WebhookDispatcher> logger)
{
    /// <summary>Sends what is due now; how many deliveries it attempted.</summary>
    public async Task<int> DispatchDueAsync(CancellationToken cancellationToken)
    {
        var due = await store.LeaseDueAsync(options.BatchSize, time.GetUtcNow(), options.Lease, cancellationToken);
        await Task.WhenAll(due.Select(delivery => AttemptAsync(delivery, cancellationToken)));
        return due.Count;
    }

    private async Task AttemptAsync(LeasedDelivery delivery, CancellationToken cancellationToken)
    {
        var attempt = await sender.SendAsync(delivery, cancellationToken);
        var retryIn = attempt.Delivered ? null : RetrySchedule.After(delivery.FailuresInRow + 1);
        var next = retryIn is { } wait ? time.GetUtcNow() + wait : (DateTimeOffset?)null;
        var dead = !attempt.Delivered && next is null;
        if (!await store.RecordAsync(delivery, attempt, next, cancellationToken))
        {
            LogLeaseLost(delivery.Id.ToString(), delivery.Attempts + 1);
            return;
        }

        metrics.RecordAttempt(attempt, dead);
        if (dead)
        {
            LogDead(delivery.Id.ToString(), delivery.Url, delivery.Attempts + 1, attempt.Error ?? attempt.StatusCode?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Attempt {Attempt} of webhook delivery {Delivery} was not recorded: its lease was lost meanwhile")]
    private partial void LogLeaseLost(string delivery, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook delivery {Delivery} to {Url} is dead after {Attempts} attempts; the last answered {Answer}")]
    private partial void LogDead(string delivery, string url, int attempts, string? answer);
}
