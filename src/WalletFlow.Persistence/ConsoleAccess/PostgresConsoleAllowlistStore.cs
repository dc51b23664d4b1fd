using Npgsql;
using WalletFlow.Application.ConsoleAccess;

namespace WalletFlow.Persistence.ConsoleAccess;

/// <summary>The console's saved email lists in <c>core.console_allowlist_saves</c> and <c>core.console_allowlist_emails</c>.</summary>
internal sealed class PostgresConsoleAllowlistStore(NpgsqlDataSource dataSource) : IConsoleAllowlistStore
{
    private const string AllowedList = "allowed";
    private const string AdminList = "admin";

    public async Task<SavedAllowlists?> ReadAsync(CancellationToken cancellationToken)
    {
        // One statement: the save and its emails come from one snapshot, never half of a concurrent save.
        await using var command = dataSource.CreateCommand(
            """
            select s.saved_by, s.saved_at, e.list, e.email
            from core.console_allowlist_saves s left join core.console_allowlist_emails e on true
            order by e.list, e.email
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        SavedAllowlists? saved = null;
        List<string> allowed = [], admins = [];
        while (await reader.ReadAsync(cancellationToken))
        {
            saved ??= new SavedAllowlists(allowed, admins, reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(1));
            if (!reader.IsDBNull(2))
            {
                (reader.GetString(2) == AdminList ? admins : allowed).Add(reader.GetString(3));
            }
        }

        return saved;
    }

    public async Task SaveAsync(SavedAllowlists lists, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lists);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // The save row first: its lock queues a concurrent save behind this one, so the last save wins whole.
        await using (var save = new NpgsqlCommand(
            """
            insert into core.console_allowlist_saves (id, saved_by, saved_at) values (true, $1, $2)
            on conflict (id) do update set saved_by = excluded.saved_by, saved_at = excluded.saved_at
            """, connection, transaction))
        {
            save.Parameters.Add(new NpgsqlParameter { Value = lists.SavedBy });
            save.Parameters.Add(new NpgsqlParameter { Value = lists.SavedAt });
            await save.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var clear = new NpgsqlCommand("delete from core.console_allowlist_emails", connection, transaction))
        {
            await clear.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var insert = new NpgsqlCommand(
            "insert into core.console_allowlist_emails (list, email) select * from unnest($1::text[], $2::text[])", connection, transaction))
        {
            insert.Parameters.Add(new NpgsqlParameter { Value = lists.Allowed.Select(_ => AllowedList).Concat(lists.Admins.Select(_ => AdminList)).ToArray() });
            insert.Parameters.Add(new NpgsqlParameter { Value = lists.Allowed.Concat(lists.Admins).ToArray() });
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
