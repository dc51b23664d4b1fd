using System.Diagnostics.Metrics;

namespace WalletFlow.Application.Webhooks;

/// <summary>
/// Partner webhooks as metrics (meter <c>WalletFlow.Webhooks</c>): every attempt by outcome and its latency, and the
/// queue (pending, due, the oldest due one's wait, dead in the last week) as last read by the dispatch worker, since a
/// gauge's callback cannot wait on the database.
/// </summary>
public sealed class WebhookMetrics
{
    public const string MeterName = "WalletFlow.Webhooks";

    private readonly Counter<long> _attempts;
    private readonly Histogram<double> _latency;
    private readonly IWebhookReads _reads;
    private readonly TimeProvider _time;
    private WebhookQueueFigures _last = new(0, 0, null, 0);

    public WebhookMetrics(IMeterFactory meters, IWebhookReads reads, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        _reads = reads;
        _time = time;
        _attempts = meter.CreateCounter<long>("walletflow.webhooks.attempts", unit: "{attempt}", description: "Webhook attempts, by outcome: delivered, failed, or dead (the last attempt of the schedule failed).");
        _latency = meter.CreateHistogram<double>("walletflow.webhooks.attempt_duration", unit: "ms", description: "How long an endpoint took to answer, or to fail.");
        meter.CreateObservableGauge("walletflow.webhooks.pending", () => Volatile.Read(ref _last).Pending, unit: "{delivery}", description: "Deliveries waiting for an attempt.");
        meter.CreateObservableGauge("walletflow.webhooks.due", () => Volatile.Read(ref _last).Due, unit: "{delivery}", description: "Deliveries whose attempt is due now.");
        meter.CreateObservableGauge(
            "walletflow.webhooks.oldest_due_age",
            () => Volatile.Read(ref _last).OldestDueAt is { } oldest ? Math.Max(0, (_time.GetUtcNow() - oldest).TotalSeconds) : 0,
            unit: "s",
            description: "How long the longest overdue delivery has waited for its attempt: the dispatchers' lag.");
        meter.CreateObservableGauge("walletflow.webhooks.dead_last_week", () => Volatile.Read(ref _last).DeadLastWeek, unit: "{delivery}", description: "Deliveries that died in the last seven days.");
    }

    public async Task<WebhookQueueFigures> RefreshAsync(CancellationToken cancellationToken)
    {
        var figures = await _reads.GetQueueFiguresAsync(_time.GetUtcNow(), cancellationToken);
        Volatile.Write(ref _last, figures);
        return figures;
    }

    public void RecordAttempt(WebhookAttemptResult attempt, bool dead)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        var outcome = attempt.Delivered ? "delivered" : dead ? "dead" : "failed";
        _attempts.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
        _latency.Record(attempt.Latency.TotalMilliseconds, new KeyValuePair<string, object?>("outcome", outcome));
    }
}
