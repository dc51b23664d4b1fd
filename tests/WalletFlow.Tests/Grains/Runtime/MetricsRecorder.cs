using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using WalletFlow.Grains.Runtime;

namespace WalletFlow.Tests.Grains.Runtime;

/// <summary>Listens to one runtime's instruments (other tests' runtimes share the meter name, not the scope).</summary>
internal sealed class MetricsRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<(string Instrument, double Value, string? GrainType)> _measurements = new();

    public MetricsRecorder(GrainRuntime runtime)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == GrainRuntime.MeterName && ReferenceEquals(instrument.Meter.Scope, runtime))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
    }

    public IReadOnlyList<double> Values(string instrument) =>
        [.. _measurements.Where(measurement => measurement.Instrument == instrument).Select(measurement => measurement.Value)];

    public double Sum(string instrument) => Values(instrument).Sum();

    public IReadOnlyList<string?> GrainTypes(string instrument) =>
        [.. _measurements.Where(measurement => measurement.Instrument == instrument).Select(measurement => measurement.GrainType)];

    public void Dispose() => _listener.Dispose();

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        string? grainType = null;
        foreach (var tag in tags)
        {
            if (tag.Key == "walletflow.grain.type")
            {
                grainType = tag.Value as string;
            }
        }

        _measurements.Enqueue((instrument.Name, value, grainType));
    }
}
