using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using WalletFlow.Postgres.Pool;

namespace WalletFlow.ServiceDefaults.Database;

public static class DatabaseRegistration
{
    private static int _dataSources;

    /// <summary>The Aspire connection name of WalletFlow's database: the AppHost hands it over as <c>ConnectionStrings__walletflow</c>.</summary>
    public const string ConnectionName = "walletflow";

    /// <summary>The setting a process started outside the AppHost (the tests, the load benchmark) may use instead.</summary>
    public const string ConnectionStringVariable = "WALLETFLOW_DB";

    /// <summary>The prefix of the pool's name in Npgsql's metrics (<c>walletflow/{database}</c>).</summary>
    public const string PoolNamePrefix = "walletflow";

    /// <summary>The connection string of WalletFlow's database: <c>ConnectionStrings:walletflow</c>, else <c>WALLETFLOW_DB</c>.</summary>
    public static string ConnectionString(Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var connectionString = configuration[$"ConnectionStrings:{ConnectionName}"] is { Length: > 0 } aspire ? aspire : configuration[ConnectionStringVariable];
        return string.IsNullOrWhiteSpace(connectionString)
            ? throw new InvalidOperationException(
                $"No database is configured: set ConnectionStrings__{ConnectionName} (the AppHost does) or {ConnectionStringVariable} " +
                "to WalletFlow's Postgres connection string (see the environment table in README.md).")
            : connectionString;
    }

    /// <summary>
    /// Registers the one <see cref="NpgsqlDataSource"/> of the service (the connection pool) through Aspire's Npgsql
    /// client (health check, traces and metrics), and the monitor that reads its figures for <c>/health/db</c>.
    /// </summary>
    public static IHostApplicationBuilder AddWalletFlowDatabase(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var connectionString = ConnectionString(builder.Configuration);

        // Npgsql publishes pool figures on a process-wide meter keyed by pool name: a name of its own per data source
        // keeps the figures of two hosts in one process (the tests) apart, and says which database a figure is about.
        var pool = new DatabasePool($"{PoolNamePrefix}/{new NpgsqlConnectionStringBuilder(connectionString).Database}/{Interlocked.Increment(ref _dataSources)}");
        builder.Services.AddSingleton(pool);
        builder.Services.AddSingleton<NpgsqlPoolMonitor>();
        builder.AddNpgsqlDataSource(
            ConnectionName,
            settings => settings.ConnectionString = connectionString,
            dataSource =>
            {
                dataSource.Name = pool.Name;
                // The ledger sends the same few statements again and again: preparing them nearly doubles its
                // single-transaction throughput (docs/ledger.md, "Benchmark"). A connection string may still say otherwise.
                if (dataSource.ConnectionStringBuilder.MaxAutoPrepare == 0)
                {
                    dataSource.ConnectionStringBuilder.MaxAutoPrepare = 64;
                }
            });
        MonitorBeforeFirstUse(builder.Services);
        return builder;
    }

    /// <summary>
    /// The pool monitor sums queued requests from the moment it starts, so it must exist before the data source is
    /// first used: the data source's registration is wrapped to resolve the monitor first.
    /// </summary>
    private static void MonitorBeforeFirstUse(IServiceCollection services)
    {
        var registration = services.LastOrDefault(descriptor => descriptor.ServiceType == typeof(NpgsqlDataSource) && !descriptor.IsKeyedService)
            ?? throw new InvalidOperationException("Aspire's Npgsql client registered no NpgsqlDataSource.");
        var create = registration.ImplementationFactory
            ?? throw new InvalidOperationException("Aspire's Npgsql client registered its NpgsqlDataSource without a factory; the pool monitor cannot be put before it.");
        services.Remove(registration);
        services.Add(new ServiceDescriptor(typeof(NpgsqlDataSource), provider =>
        {
            provider.GetRequiredService<NpgsqlPoolMonitor>();
            return create(provider);
        }, registration.Lifetime));
    }
}

/// <summary>The name under which the service's connection pool reports its figures.</summary>
public sealed record DatabasePool(string Name);
