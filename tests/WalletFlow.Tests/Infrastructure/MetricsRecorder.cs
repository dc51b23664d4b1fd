using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace WalletFlow.Tests.Infrastructure;

/// <summary>
/// Listens to one meter of one host (other tests' hosts in the process share the meter name, not the scope: a meter's
/// scope is the <see cref="IMeterFactory"/> that created it).
/// </summary>
internal sealed class MetricsRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<(string Instrument, double Value, string Tags)> _measurements = new();

    public MetricsRecorder(IServiceProvider host, string meterName)
    {
        var meters = host.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == meterName && ReferenceEquals(instrument.Meter.Scope, meters))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => _measurements.Enqueue((instrument.Name, value, Text(tags))));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => _measurements.Enqueue((instrument.Name, value, Text(tags))));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => _measurements.Enqueue((instrument.Name, value, Text(tags))));
        _listener.Start();
    }

    public IReadOnlyList<double> Values(string instrument) =>
        [.. _measurements.Where(measurement => measurement.Instrument == instrument).Select(measurement => measurement.Value)];

    /// <summary>Each measurement of <paramref name="instrument"/> with its tags written <c>name=value</c>, comma-separated.</summary>
    public IReadOnlyList<(double Value, string Tags)> Tagged(string instrument) =>
        [.. _measurements.Where(measurement => measurement.Instrument == instrument).Select(measurement => (measurement.Value, measurement.Tags))];

    /// <summary>The latest value of an observable gauge, read now.</summary>
    public double Observe(string instrument)
    {
        _listener.RecordObservableInstruments();
        return Values(instrument)[^1];
    }

    public void Dispose() => _listener.Dispose();

    private static string Text(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var parts = new List<string>(tags.Length);
        foreach (var (name, value) in tags)
        {
            parts.Add($"{name}={value}");
        }

        return string.Join(',', parts);
    }
}
