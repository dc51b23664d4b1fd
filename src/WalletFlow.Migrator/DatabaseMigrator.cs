using System.Diagnostics;
using Npgsql;
using WalletFlow.Postgres.Migrations;
using WalletFlow.ServiceDefaults.Database;

namespace WalletFlow.Migrator;

/// <summary>
/// Creates WalletFlow's database if the cluster does not have it yet, brings it to this build's schema, and stops
/// the process: exit code 0 when the schema is current, 1 (and the reason in the log) when it cannot be, so the
/// API, which waits for this step to complete, never starts on a schema it does not know.
/// </summary>
internal sealed partial class DatabaseMigrator(IConfiguration configuration, IHostApplicationLifetime lifetime, ILogger<DatabaseMigrator> logger) : BackgroundService
{
    public static readonly ActivitySource Source = new("WalletFlow.Migrator");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var activity = Source.StartActivity("migrate database");
        try
        {
            var connectionString = DatabaseRegistration.ConnectionString(configuration);
            var database = new NpgsqlConnectionStringBuilder(connectionString).Database
                ?? throw new InvalidOperationException("The connection string names no database.");
            if (await CreateIfMissingAsync(connectionString, database, stoppingToken))
            {
                LogCreated(database);
            }

            await using var dataSource = NpgsqlDataSource.Create(connectionString);
            var applied = await new MigrationRunner(dataSource).ApplyAsync(stoppingToken);
            if (applied.Count == 0)
            {
                LogCurrent(database);
            }
            else
            {
                LogApplied(applied.Count, string.Join(", ", applied), database);
            }
        }
        catch (Exception exception) when (exception is MigrationException or NpgsqlException or InvalidOperationException)
        {
            activity?.AddException(exception);
            activity?.SetStatus(ActivityStatusCode.Error);
            LogFailed(exception);
            Environment.ExitCode = 1;
        }
        finally
        {
            lifetime.StopApplication();
        }
    }

    private static async Task<bool> CreateIfMissingAsync(string connectionString, string database, CancellationToken cancellationToken)
    {
        var maintenance = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false }.ConnectionString;
        await using var connection = new NpgsqlConnection(maintenance);
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("select 1 from pg_database where datname = $1", connection) { Parameters = { new() { Value = database } } };
        if (await exists.ExecuteScalarAsync(cancellationToken) is not null)
        {
            return false;
        }

        var quoted = new NpgsqlCommandBuilder().QuoteIdentifier(database);
        await using var create = new NpgsqlCommand($"create database {quoted}", connection);
        await create.ExecuteNonQueryAsync(cancellationToken);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created database {Database}")]
    private partial void LogCreated(string database);

    [LoggerMessage(Level = LogLevel.Information, Message = "Database {Database} is at this build's schema; nothing to apply")]
    private partial void LogCurrent(string database);

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied {Count} migration(s) to {Database}: {Migrations}")]
    private partial void LogApplied(int count, string migrations, string database);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The database could not be migrated; the API will not start")]
    private partial void LogFailed(Exception exception);
}
