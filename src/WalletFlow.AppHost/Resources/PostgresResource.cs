using Npgsql;
using WalletFlow.Postgres.Embedded;
using WalletFlow.Postgres.Migrations;

namespace WalletFlow.AppHost.Resources;

/// <summary>The embedded Postgres cluster, kept between runs in the data folder, with WalletFlow's database migrated.</summary>
internal sealed class PostgresResource(EmbeddedPostgres cluster, string connectionString) : IResource
{
    public const string DatabaseName = "walletflow";

    public string Name => "postgres";

    /// <summary>What the API is given as <c>WALLETFLOW_DB</c>.</summary>
    public string ConnectionString => connectionString;

    public ResourceStatus Status => new(Name, "running", $"127.0.0.1:{cluster.Port}", cluster.ProcessId, $"database {DatabaseName}, data in {cluster.DataDirectory}");

    public static async Task<PostgresResource> StartAsync(AppHostSettings settings, ResourceLog log, CancellationToken cancellationToken)
    {
        var cluster = await EmbeddedPostgres.StartAsync(
            new EmbeddedPostgresOptions
            {
                RootDirectory = Path.Combine(settings.DataDirectory, "postgres"),
                Port = settings.PostgresPort,
                Log = line => log.Write("postgres", line),
            },
            cancellationToken);

        try
        {
            await CreateDatabaseIfMissingAsync(cluster, cancellationToken);
            var connectionString = cluster.ConnectionString(DatabaseName);
            await using var dataSource = NpgsqlDataSource.Create(connectionString);
            var applied = await new MigrationRunner(dataSource).ApplyAsync(cancellationToken);
            log.Write("postgres", applied.Count == 0 ? "schema is current" : $"applied {string.Join(", ", applied)}");
            return new PostgresResource(cluster, connectionString);
        }
        catch
        {
            await cluster.StopAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => cluster.DisposeAsync();

    private static async Task CreateDatabaseIfMissingAsync(EmbeddedPostgres cluster, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(cluster.ConnectionString());
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("select 1 from pg_database where datname = $1", connection) { Parameters = { new() { Value = DatabaseName } } };
        if (await exists.ExecuteScalarAsync(cancellationToken) is null)
        {
            await using var create = new NpgsqlCommand($"create database {DatabaseName}", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
