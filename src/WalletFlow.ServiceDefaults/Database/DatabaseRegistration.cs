using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using WalletFlow.Postgres.Pool;

namespace WalletFlow.ServiceDefaults.Database;

public static class DatabaseRegistration
{
    private static int _dataSources;

    /// <summary>The setting that holds WalletFlow's Postgres connection string (an Npgsql connection string).</summary>
    public const string ConnectionStringVariable = "WALLETFLOW_DB";

    /// <summary>The prefix of the pool's name in Npgsql's metrics (<c>walletflow/{database}</c>).</summary>
    public const string PoolNamePrefix = "walletflow";

    /// <summary>
    /// Registers the one <see cref="NpgsqlDataSource"/> of the service (the connection pool) and the monitor that
    /// reads its figures. The monitor is created first so it sees every queued request.
    /// </summary>
    public static IHostApplicationBuilder AddWalletFlowDatabase(this IHostApplicationBuilder builder)
    {
        var connectionString = builder.Configuration[ConnectionStringVariable];
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"{ConnectionStringVariable} is not set: it must hold the Postgres connection string " +
                "(the AppHost sets it; see the environment table in README.md).");
        }

        // Npgsql publishes pool figures on a process-wide meter keyed by pool name: a name of its own per data source
        // keeps the figures of two hosts in one process (the tests) apart, and says which database a figure is about.
        var pool = new DatabasePool($"{PoolNamePrefix}/{new NpgsqlConnectionStringBuilder(connectionString).Database}/{Interlocked.Increment(ref _dataSources)}");
        builder.Services.AddSingleton(pool);
        builder.Services.AddSingleton<NpgsqlPoolMonitor>();
        builder.Services.AddSingleton(services =>
        {
            services.GetRequiredService<NpgsqlPoolMonitor>();
            var dataSource = new NpgsqlDataSourceBuilder(connectionString) { Name = pool.Name };
            // The ledger sends the same few statements again and again: preparing them nearly doubles its
            // single-transaction throughput (docs/ledger.md, "Benchmark"). A connection string may still say otherwise.
            if (dataSource.ConnectionStringBuilder.MaxAutoPrepare == 0)
            {
                dataSource.ConnectionStringBuilder.MaxAutoPrepare = 64;
            }

            return dataSource.Build();
        });
        return builder;
    }
}

/// <summary>The name under which the service's connection pool reports its figures.</summary>
public sealed record DatabasePool(string Name);
