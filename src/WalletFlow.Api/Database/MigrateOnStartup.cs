using Npgsql;
using WalletFlow.Postgres.Migrations;

namespace WalletFlow.Api.Database;

/// <summary>
/// Brings the database to this build's schema before the server takes requests (hosted services start before
/// Kestrel). A database migrated by a newer build stops the start-up with the reason.
/// </summary>
internal sealed partial class MigrateOnStartup(NpgsqlDataSource dataSource, ILogger<MigrateOnStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var applied = await new MigrationRunner(dataSource).ApplyAsync(cancellationToken);
        if (applied.Count > 0)
        {
            LogApplied(applied.Count, string.Join(", ", applied));
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied {Count} migration(s): {Migrations}")]
    private partial void LogApplied(int count, string migrations);
}
