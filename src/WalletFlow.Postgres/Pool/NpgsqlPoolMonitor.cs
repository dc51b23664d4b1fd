using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace WalletFlow.Postgres.Pool;

/// <summary>
/// Reads Npgsql's own pool metrics in-process. Npgsql exposes no pool figures through its API, but it publishes
/// them on its meter: connection counts by state and the maximum as observable instruments (read on demand), and
/// queued requests as an up-down counter, summed here from the moment the monitor starts. Create the monitor before
/// the data source is first used, so the queue count starts from zero.
/// </summary>
public sealed class NpgsqlPoolMonitor : IDisposable
{
    private const string MeterName = "Npgsql";
    private const string PoolNameTag = "db.client.connection.pool.name";
    private const string StateTag = "db.client.connection.state";

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, int> _waiting = new();
    private readonly Lock _observeLock = new();
    private readonly Dictionary<string, ObservedCounts> _observed = [];

    public NpgsqlPoolMonitor()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == MeterName && instrument.Name is "db.client.connection.count" or "db.client.connection.max" or "db.client.connection.npgsql.pending_requests")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<int>(OnMeasurement);
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, state) => OnMeasurement(instrument, checked((int)value), tags, state));
        _listener.Start();
    }

    public PoolSnapshot Snapshot(string poolName)
    {
        lock (_observeLock)
        {
            _observed.Clear();
            _listener.RecordObservableInstruments();
            var counts = _observed.GetValueOrDefault(poolName) ?? new ObservedCounts();
            return new PoolSnapshot(poolName, counts.Idle + counts.Busy, counts.Idle, counts.Busy, Math.Max(0, _waiting.GetValueOrDefault(poolName)), counts.Max);
        }
    }

    public void Dispose() => _listener.Dispose();

    private void OnMeasurement(Instrument instrument, int value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        string? pool = null;
        string? connectionState = null;
        foreach (var tag in tags)
        {
            if (tag.Key == PoolNameTag)
            {
                pool = tag.Value as string;
            }
            else if (tag.Key == StateTag)
            {
                connectionState = tag.Value as string;
            }
        }

        if (pool is null)
        {
            return;
        }

        if (instrument.Name == "db.client.connection.npgsql.pending_requests")
        {
            _waiting.AddOrUpdate(pool, value, (_, current) => current + value);
            return;
        }

        // Observable instruments only report inside Snapshot, under _observeLock.
        if (!_observed.TryGetValue(pool, out var counts))
        {
            _observed[pool] = counts = new ObservedCounts();
        }

        switch (instrument.Name, connectionState)
        {
            case ("db.client.connection.max", _):
                counts.Max = value;
                break;
            case (_, "idle"):
                counts.Idle = value;
                break;
            case (_, "used"):
                counts.Busy = value;
                break;
        }
    }

    private sealed class ObservedCounts
    {
        public int Idle { get; set; }

        public int Busy { get; set; }

        public int Max { get; set; }
    }
}
