using System.Diagnostics.Metrics;
using WalletFlow.Application.Outbox;

namespace WalletFlow.Api.Outbox;

/// <summary>
/// The outbox's lag as metrics: how many events wait and how long the oldest has waited. The figures are read by the
/// relay worker every few seconds (a gauge's callback cannot wait on the database) and reported as last read.
/// </summary>
internal sealed class OutboxMetrics : IDisposable
{
    public const string MeterName = "WalletFlow.Outbox";

    private readonly Meter _meter = new(MeterName);
    private readonly IOutboxReads _reads;
    private readonly TimeProvider _time;
    private OutboxFigures _last = new(0, null, 0);

    public OutboxMetrics(IOutboxReads reads, TimeProvider time)
    {
        _reads = reads;
        _time = time;
        _meter.CreateObservableGauge("walletflow.outbox.pending", () => Volatile.Read(ref _last).Pending, unit: "{event}", description: "Events written by commands and not yet published by a relay.");
        _meter.CreateObservableGauge(
            "walletflow.outbox.oldest_pending_age",
            () => Volatile.Read(ref _last).OldestPendingAt is { } oldest ? Math.Max(0, (_time.GetUtcNow() - oldest).TotalSeconds) : 0,
            unit: "s",
            description: "How long the oldest unpublished event has waited.");
    }

    public async Task RefreshAsync(CancellationToken cancellationToken) => Volatile.Write(ref _last, await _reads.GetFiguresAsync(cancellationToken));

    public void Dispose() => _meter.Dispose();
}
