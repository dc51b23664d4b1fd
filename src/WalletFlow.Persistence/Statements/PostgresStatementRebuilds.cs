using Npgsql;
using WalletFlow.Application.Commands;
using WalletFlow.Application.Statements;
using WalletFlow.Domain.Ids;

namespace WalletFlow.Persistence.Statements;

/// <summary><c>core.statement_rebuilds</c>, and the replacement of a wallet's lines under its head's lock.</summary>
internal sealed class PostgresStatementRebuilds(NpgsqlDataSource dataSource) : IStatementRebuilds
{
    private const string Columns = "id, status, wallets_total, wallets_done, lines, requested_at, finished_at";

    public async Task<LeasedRebuild?> LeaseAsync(DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            update core.statement_rebuilds set lease_until = $2, lease_token = lease_token + 1
            where id = (select id from core.statement_rebuilds
                        where status = 'running' and (lease_until is null or lease_until < $1)
                        for update skip locked)
            returning id, lease_token, last_wallet_id
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = now });
        command.Parameters.Add(new NpgsqlParameter { Value = leaseUntil });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new LeasedRebuild(reader.GetString(0), reader.GetInt64(1), reader.IsDBNull(2) ? null : WalletId.Parse(reader.GetString(2)).Value)
            : null;
    }

    public async Task<IReadOnlyList<WalletId>> WalletsAfterAsync(WalletId? after, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("select id from core.wallets where id > $1 order by id limit $2");
        command.Parameters.Add(new NpgsqlParameter { Value = after?.ToString() ?? string.Empty });
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        var wallets = new List<WalletId>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            wallets.Add(WalletId.Parse(reader.GetString(0)).Value);
        }

        return wallets;
    }

    public async Task<bool> ReplaceWalletAsync(
        LeasedRebuild rebuild, WalletId wallet, Func<CancellationToken, Task<IReadOnlyList<WalletMovement>>> readLedger, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rebuild);
        ArgumentNullException.ThrowIfNull(readLedger);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var reset = new NpgsqlBatch(connection, transaction))
        {
            // The head is created if missing and locked first: from here until the commit the relay waits for this wallet.
            reset.BatchCommands.Add(Command("insert into core.statement_heads (wallet_id) values ($1) on conflict do nothing", wallet.ToString()));
            reset.BatchCommands.Add(Command("select from core.statement_heads where wallet_id = $1 for update", wallet.ToString()));
            reset.BatchCommands.Add(Command("delete from core.statement_lines where wallet_id = $1", wallet.ToString()));
            reset.BatchCommands.Add(Command(
                "update core.statement_heads set last_ledger_transaction_id = 0, available = 0, held = 0, reserved = 0, lines = 0 where wallet_id = $1", wallet.ToString()));
            await reset.ExecuteNonQueryAsync(cancellationToken);
        }

        var movements = await readLedger(cancellationToken);
        await StatementRows.ProjectAsync(connection, transaction, movements, cancellationToken);
        await using var progress = new NpgsqlCommand(
            """
            update core.statement_rebuilds
            set wallets_done = wallets_done + 1, lines = lines + $3, last_wallet_id = $2, lease_until = $4
            where id = $1 and status = 'running' and lease_token = $5
            """,
            connection,
            transaction);
        progress.Parameters.Add(new NpgsqlParameter { Value = rebuild.RebuildId });
        progress.Parameters.Add(new NpgsqlParameter { Value = wallet.ToString() });
        progress.Parameters.Add(new NpgsqlParameter { Value = (long)movements.Count });
        progress.Parameters.Add(new NpgsqlParameter { Value = leaseUntil });
        progress.Parameters.Add(new NpgsqlParameter { Value = rebuild.Token });
        if (await progress.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            return false;
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task FinishAsync(LeasedRebuild rebuild, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rebuild);
        await using var command = dataSource.CreateCommand(
            "update core.statement_rebuilds set status = 'done', finished_at = $2, lease_until = null where id = $1 and status = 'running' and lease_token = $3");
        command.Parameters.Add(new NpgsqlParameter { Value = rebuild.RebuildId });
        command.Parameters.Add(new NpgsqlParameter { Value = now });
        command.Parameters.Add(new NpgsqlParameter { Value = rebuild.Token });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<StatementRebuildData>> ListAsync(int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"select {Columns} from core.statement_rebuilds order by requested_at desc, id desc limit $1");
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        return await ReadAsync(command, cancellationToken);
    }

    public async Task<StatementRebuildData?> FindAsync(string rebuildId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"select {Columns} from core.statement_rebuilds where id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = rebuildId });
        return (await ReadAsync(command, cancellationToken)).SingleOrDefault();
    }

    private static async Task<List<StatementRebuildData>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var rebuilds = new List<StatementRebuildData>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rebuilds.Add(new StatementRebuildData(
                reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetInt64(4),
                reader.GetFieldValue<DateTimeOffset>(5), reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6)));
        }

        return rebuilds;
    }

    private static NpgsqlBatchCommand Command(string sql, string wallet) => new(sql) { Parameters = { new NpgsqlParameter { Value = wallet } } };
}
