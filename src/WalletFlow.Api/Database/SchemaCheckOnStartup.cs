using Npgsql;
using WalletFlow.Postgres.Migrations;

namespace WalletFlow.Api.Database;

/// <summary>
/// Refuses to start on a database that is not at this build's schema. The API never migrates: the migrator does,
/// once, before the AppHost starts the API (docs/architecture.md, "Start-up"); an API started on its own against a
/// database nobody migrated says so here instead of failing on its first command.
/// </summary>
internal sealed class SchemaCheckOnStartup(NpgsqlDataSource dataSource) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var pending = await new MigrationRunner(dataSource).PendingAsync(cancellationToken);
        if (pending.Count > 0)
        {
            throw new MigrationException(
                $"The database lacks {pending.Count} migration(s) of this build ({string.Join(", ", pending)}). The API does not " +
                "migrate: run the migrator first (the AppHost does; on its own: dotnet run --project src/WalletFlow.Migrator " +
                "with the same connection string).");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
