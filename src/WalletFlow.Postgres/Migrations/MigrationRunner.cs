using Npgsql;

namespace WalletFlow.Postgres.Migrations;

/// <summary>
/// Brings a database up to this build's schema: the migrator runs it once before the API starts (the tests and the
/// load benchmark run it on the databases they create). A session-level advisory lock makes concurrent runs take
/// turns, so each migration is applied once. Each migration commits in its own
/// transaction together with its record in <c>schema_migrations</c>.
/// </summary>
public sealed class MigrationRunner(NpgsqlDataSource dataSource, IReadOnlyList<Migration> migrations)
{
    /// <summary>An arbitrary constant that names this lock among the database's advisory locks ("WFMIGRAT").</summary>
    private const long AdvisoryLockKey = 0x57464D4947524154;

    public MigrationRunner(NpgsqlDataSource dataSource)
        : this(dataSource, MigrationCatalog.Embedded)
    {
    }

    /// <returns>The migrations this call applied (none when the database was current).</returns>
    public async Task<IReadOnlyList<Migration>> ApplyAsync(CancellationToken cancellationToken = default)
    {
        var known = MigrationCatalog.Ordered(migrations);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await ExecuteAsync(connection, $"select pg_advisory_lock({AdvisoryLockKey})", cancellationToken);
        try
        {
            await ExecuteAsync(connection, """
                create table if not exists schema_migrations (
                    version    integer primary key,
                    name       text not null,
                    checksum   text not null,
                    applied_at timestamptz not null default now()
                )
                """, cancellationToken);

            var applied = await ReadAppliedAsync(connection, cancellationToken);
            RefuseWhatThisBuildDoesNotKnow(applied, known);

            var pending = known.Where(migration => !applied.ContainsKey(migration.Version)).ToList();
            foreach (var migration in pending)
            {
                await ApplyOneAsync(connection, migration, cancellationToken);
            }

            return pending;
        }
        finally
        {
            await ExecuteAsync(connection, $"select pg_advisory_unlock({AdvisoryLockKey})", CancellationToken.None);
        }
    }

    /// <summary>
    /// The migrations this build would apply, without applying any: what a process that must not migrate (the API)
    /// checks at start-up. It refuses, as <see cref="ApplyAsync"/> does, a database this build does not know.
    /// </summary>
    public async Task<IReadOnlyList<Migration>> PendingAsync(CancellationToken cancellationToken = default)
    {
        var known = MigrationCatalog.Ordered(migrations);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var table = new NpgsqlCommand("select to_regclass('schema_migrations') is not null", connection))
        {
            if (!(bool)(await table.ExecuteScalarAsync(cancellationToken))!)
            {
                return known;
            }
        }

        var applied = await ReadAppliedAsync(connection, cancellationToken);
        RefuseWhatThisBuildDoesNotKnow(applied, known);
        return known.Where(migration => !applied.ContainsKey(migration.Version)).ToList();
    }

    private static void RefuseWhatThisBuildDoesNotKnow(IReadOnlyDictionary<int, AppliedMigration> applied, IReadOnlyList<Migration> known)
    {
        var byVersion = known.ToDictionary(migration => migration.Version);
        foreach (var (version, record) in applied.OrderBy(pair => pair.Key))
        {
            if (!byVersion.TryGetValue(version, out var migration))
            {
                throw new MigrationException(
                    $"The database has migration {version:D4}_{record.Name}, which this build does not know: it was migrated by a newer " +
                    "version of WalletFlow. Refusing to start; run that version, or restore a database this build created.");
            }

            if (migration.Checksum != record.Checksum)
            {
                throw new MigrationException(
                    $"Migration {migration} was changed after it was applied to this database (checksum {record.Checksum[..12]} applied, " +
                    $"{migration.Checksum[..12]} in this build). Applied migrations are immutable: add a new migration instead.");
            }
        }
    }

    private static async Task ApplyOneAsync(NpgsqlConnection connection, Migration migration, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            await using (var command = new NpgsqlCommand(migration.Sql, connection, transaction))
            {
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            await using (var record = new NpgsqlCommand("insert into schema_migrations (version, name, checksum) values ($1, $2, $3)", connection, transaction))
            {
                record.Parameters.Add(new NpgsqlParameter { Value = migration.Version });
                record.Parameters.Add(new NpgsqlParameter { Value = migration.Name });
                record.Parameters.Add(new NpgsqlParameter { Value = migration.Checksum });
                await record.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }
        catch (PostgresException exception)
        {
            throw new MigrationException($"Migration {migration} failed: {exception.MessageText} (SQLSTATE {exception.SqlState}). Nothing of it was applied.");
        }
    }

    private static async Task<IReadOnlyDictionary<int, AppliedMigration>> ReadAppliedAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var applied = new Dictionary<int, AppliedMigration>();
        await using var command = new NpgsqlCommand("select version, name, checksum from schema_migrations", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            applied[reader.GetInt32(0)] = new AppliedMigration(reader.GetString(1), reader.GetString(2));
        }

        return applied;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private sealed record AppliedMigration(string Name, string Checksum);
}
