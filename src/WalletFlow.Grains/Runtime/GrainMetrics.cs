using System.Diagnostics.Metrics;

namespace WalletFlow.Grains.Runtime;

/// <summary>The runtime's instruments, on the <see cref="GrainRuntime.MeterName"/> meter.</summary>
internal sealed class GrainMetrics : IDisposable
{
    private readonly Meter _meter;
    private readonly TimeProvider _timeProvider;

    public GrainMetrics(GrainRuntime runtime)
    {
        _timeProvider = runtime.TimeProvider;

        // The scope tells one runtime's instruments from another's in the same process (tests run several).
        _meter = new Meter(new MeterOptions(GrainRuntime.MeterName) { Scope = runtime });
        ActiveActivations = _meter.CreateUpDownCounter<long>(
            "walletflow.grains.activations.active", "{activation}", "Activations alive in this process.");
        CreatedActivations = _meter.CreateCounter<long>(
            "walletflow.grains.activations.created", "{activation}", "Activations whose activation hook succeeded.");
        CollectedActivations = _meter.CreateCounter<long>(
            "walletflow.grains.activations.collected", "{activation}", "Activations deactivated after their idle timeout.");
        FailedActivations = _meter.CreateCounter<long>(
            "walletflow.grains.activations.failed", "{activation}", "Activation attempts that failed; their waiting calls failed with them.");
        MailboxDepth = _meter.CreateHistogram<int>(
            "walletflow.grains.mailbox.depth", "{call}", "Calls already waiting in the mailbox when a call arrives.");
        CallDuration = _meter.CreateHistogram<double>(
            "walletflow.grains.call.duration", "s", "From a call's arrival in the mailbox to its outcome, waiting included.");
        BatchSize = _meter.CreateHistogram<int>(
            "walletflow.grains.batch.size", "{request}", "Requests handled together in one batch.");
    }

    public UpDownCounter<long> ActiveActivations { get; }

    public Counter<long> CreatedActivations { get; }

    public Counter<long> CollectedActivations { get; }

    public Counter<long> FailedActivations { get; }

    public Histogram<int> MailboxDepth { get; }

    public Histogram<double> CallDuration { get; }

    public Histogram<int> BatchSize { get; }

    public GrainTypeMetrics For(string grainType) => new(this, _timeProvider, grainType);

    public void Dispose() => _meter.Dispose();
}
