using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using WalletFlow.Postgres.Pool;

namespace WalletFlow.ServiceDefaults.Database;

public static class DatabaseRegistration
{
    /// <summary>The setting that holds WalletFlow's Postgres connection string (an Npgsql connection string).</summary>
    public const string ConnectionStringVariable = "WALLETFLOW_DB";

    /// <summary>The pool's name in Npgsql's metrics, so the pool monitor can tell it from any other.</summary>
    public const string PoolName = "walletflow";

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

        builder.Services.AddSingleton<NpgsqlPoolMonitor>();
        builder.Services.AddSingleton(services =>
        {
            services.GetRequiredService<NpgsqlPoolMonitor>();
            var dataSource = new NpgsqlDataSourceBuilder(connectionString) { Name = PoolName };
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
