using Npgsql;
using WalletFlow.Postgres.Embedded;
using WalletFlow.Postgres.Migrations;

[assembly: AssemblyFixture(typeof(WalletFlow.Tests.Infrastructure.PostgresFixture))]

namespace WalletFlow.Tests.Infrastructure;

/// <summary>
/// One Postgres cluster for the whole test run (fast, not durable), with a template database already migrated:
/// each test class clones it into a fresh database in a few tens of milliseconds. Clusters left by a killed run
/// are stopped and removed when the next run starts.
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    public static readonly string ClustersDirectory = Path.Combine(Path.GetTempPath(), "walletflow-tests");
    private const string TemplateDatabase = "walletflow_template";
    private int _databaseCount;

    public EmbeddedPostgres Cluster { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        await EmbeddedPostgres.RemoveAbandonedAsync(ClustersDirectory);
        Cluster = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions
        {
            RootDirectory = Path.Combine(ClustersDirectory, $"run-{Environment.ProcessId}-{Guid.NewGuid():N}"),
            Durable = false,
            MaxConnections = 400,
        });

        await ExecuteAsync($"create database {TemplateDatabase}");
        await using (var template = NpgsqlDataSource.Create(Cluster.ConnectionString(TemplateDatabase)))
        {
            await new MigrationRunner(template).ApplyAsync();
        }

        // A template must have no open connections when it is cloned.
        NpgsqlConnection.ClearAllPools();
    }

    /// <summary>A new database with this build's schema, named after <paramref name="owner"/> for readable logs.</summary>
    public async Task<string> CreateDatabaseAsync(string owner)
    {
        var name = $"t{Interlocked.Increment(ref _databaseCount)}_{new string(owner.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).Take(40).ToArray())}";
        await ExecuteAsync($"create database {name} template {TemplateDatabase}");
        return Cluster.ConnectionString(name);
    }

    /// <summary>A new database with no schema at all, for tests of the migrations themselves.</summary>
    public async Task<string> CreateEmptyDatabaseAsync(string owner)
    {
        var name = $"e{Interlocked.Increment(ref _databaseCount)}_{new string(owner.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).Take(40).ToArray())}";
        await ExecuteAsync($"create database {name}");
        return Cluster.ConnectionString(name);
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.StopAsync();
        RemoveAfterThisRun(Cluster.RootDirectory);
    }

    /// <summary>
    /// Hundreds of test databases leave hundreds of thousands of files: on a busy machine removing them outlasted the
    /// run's hang guard. A detached <c>rm</c> removes them after this process has gone; a run that finds them still
    /// there removes the rest as abandoned.
    /// </summary>
    private static void RemoveAfterThisRun(string directory)
    {
        var startInfo = new System.Diagnostics.ProcessStartInfo("setsid")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "sh", "-c", "exec rm -rf -- \"$0\" </dev/null >/dev/null 2>&1", directory })
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var remover = System.Diagnostics.Process.Start(startInfo) ?? throw new InvalidOperationException("Could not start rm.");
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Cluster.ConnectionString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
