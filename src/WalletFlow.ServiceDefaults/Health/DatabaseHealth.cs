using System.Diagnostics;
using Npgsql;
using WalletFlow.Postgres.Pool;
using WalletFlow.ServiceDefaults.Database;

namespace WalletFlow.ServiceDefaults.Health;

/// <summary>The database as the service sees it: can it get a connection and run a query, and how full is the pool.</summary>
public sealed class DatabaseHealth(NpgsqlDataSource dataSource, DatabasePool pool, NpgsqlPoolMonitor monitor, TimeProvider timeProvider)
{
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(3);

    public async Task<DatabaseHealthReport> CheckAsync(CancellationToken cancellationToken)
    {
        var figures = monitor.Snapshot(pool.Name);
        if (figures.IsStarved)
        {
            // A probe would only join the queue; the pool figures already say what is wrong.
            return new DatabaseHealthReport(false, figures, null, $"The connection pool is starved: all {figures.Max} connections are busy and {figures.Waiting} requests wait.");
        }

        var started = timeProvider.GetTimestamp();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(ProbeTimeout);
            await using var command = dataSource.CreateCommand("select 1");
            await command.ExecuteScalarAsync(timeout.Token);
            var latency = timeProvider.GetElapsedTime(started);
            return new DatabaseHealthReport(true, monitor.Snapshot(pool.Name), latency, null);
        }
        catch (Exception exception) when (exception is NpgsqlException or OperationCanceledException or TimeoutException && !cancellationToken.IsCancellationRequested)
        {
            Activity.Current?.AddException(exception);
            return new DatabaseHealthReport(false, monitor.Snapshot(pool.Name), null, $"The database did not answer a probe: {exception.Message}");
        }
    }
}

public sealed record DatabaseHealthReport(bool Healthy, PoolSnapshot Pool, TimeSpan? ProbeLatency, string? Problem);
