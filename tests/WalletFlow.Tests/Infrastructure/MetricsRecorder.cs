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
    private readonly ConcurrentQueue<(string Instrument, double Value)> _measurements = new();

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
        _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => _measurements.Enqueue((instrument.Name, value)));
        _listener.SetMeasurementEventCallback<int>((instrument, value, _, _) => _measurements.Enqueue((instrument.Name, value)));
        _listener.SetMeasurementEventCallback<double>((instrument, value, _, _) => _measurements.Enqueue((instrument.Name, value)));
        _listener.Start();
    }

    public IReadOnlyList<double> Values(string instrument) =>
        [.. _measurements.Where(measurement => measurement.Instrument == instrument).Select(measurement => measurement.Value)];

    public void Dispose() => _listener.Dispose();
}
