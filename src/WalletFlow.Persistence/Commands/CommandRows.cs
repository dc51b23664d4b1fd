using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using WalletFlow.Application.Commands;
using WalletFlow.Application.Outbox;
using WalletFlow.Domain.Ids;

namespace WalletFlow.Persistence.Commands;

/// <summary>Reads and writes <c>core.commands</c>, the permanent idempotency claims.</summary>
internal static class CommandRows
{
    private const string Columns = """
        c.id, c.scope, c.idempotency_key, c.command, c.request_hash, c.receipt, c.ledger_transaction_id,
        (select r.id from core.commands r where r.reverses_command_id = c.id)
        """;

    public static async Task<StoredCommand?> FindAsync(NpgsqlDataSource dataSource, string scope, string key, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"select {Columns} from core.commands c where c.scope = $1 and c.idempotency_key = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = scope });
        command.Parameters.Add(new NpgsqlParameter { Value = key });
        return await ReadOneAsync(command, cancellationToken);
    }

    public static async Task<StoredCommand?> FindAsync(NpgsqlDataSource dataSource, CommandId id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"select {Columns} from core.commands c where c.id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = id.ToString() });
        return await ReadOneAsync(command, cancellationToken);
    }

    /// <summary>
    /// The claims of completed commands, in one statement; <c>on conflict do nothing</c> waits for a concurrent claim of
    /// the same key to end, then yields to it (the statement then inserts fewer rows than it was given).
    /// </summary>
    public static NpgsqlBatchCommand InsertCompleted(IReadOnlyList<CompletedCommand> completed) => new("""
        insert into core.commands (id, scope, idempotency_key, command, request_hash, status, receipt, ledger_transaction_id, created_at, completed_at)
        select id, scope, idempotency_key, command, request_hash, 'completed', receipt, ledger_transaction_id, created_at, completed_at
        from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bytea[], $6::jsonb[], $7::bigint[], $8::timestamptz[], $9::timestamptz[])
            with ordinality as claim (id, scope, idempotency_key, command, request_hash, receipt, ledger_transaction_id, created_at, completed_at, position)
        order by position
        on conflict (scope, idempotency_key) do nothing
        """)
    {
        Parameters =
        {
            new NpgsqlParameter { Value = completed.Select(done => done.Command.Id.ToString()).ToArray() },
            new NpgsqlParameter { Value = completed.Select(done => done.Command.Scope).ToArray() },
            new NpgsqlParameter { Value = completed.Select(done => done.Command.IdempotencyKey).ToArray() },
            new NpgsqlParameter { Value = completed.Select(done => done.Command.Command).ToArray() },
            new NpgsqlParameter { Value = completed.Select(done => done.Command.RequestHash).ToArray() },
            new NpgsqlParameter { Value = completed.Select(done => done.ReceiptJson).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb },
            new NpgsqlParameter { Value = completed.Select(done => done.Receipt.LedgerTransactionId).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint },
            new NpgsqlParameter { Value = completed.Select(done => done.Command.PlannedAt).ToArray() },
            new NpgsqlParameter { Value = completed.Select(done => done.Receipt.CompletedAt).ToArray() },
        },
    };

    /// <summary>Which of these commands have a claim, as this transaction sees the journal.</summary>
    public static async Task<HashSet<string>> ClaimedAsync(NpgsqlConnection connection, IEnumerable<CommandId> ids, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("select id from core.commands where id = any($1)", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = ids.Select(id => id.ToString()).ToArray() });
        var claimed = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            claimed.Add(reader.GetString(0));
        }

        return claimed;
    }

    /// <summary>The claim of a command about to be sent to an external ledger, with the plan a recovery needs to finish it.</summary>
    public static NpgsqlCommand InsertPending(NpgsqlDataSource dataSource, PlannedCommand command, DateTimeOffset leaseUntil)
    {
        var statement = dataSource.CreateCommand("""
            insert into core.commands (id, scope, idempotency_key, command, request_hash, status, plan, created_at, lease_until)
            values ($1, $2, $3, $4, $5, 'pending', $6, $7, $8)
            on conflict (scope, idempotency_key) do nothing
            """);
        statement.Parameters.Add(new NpgsqlParameter { Value = command.Id.ToString() });
        statement.Parameters.Add(new NpgsqlParameter { Value = command.Scope });
        statement.Parameters.Add(new NpgsqlParameter { Value = command.IdempotencyKey });
        statement.Parameters.Add(new NpgsqlParameter { Value = command.Command });
        statement.Parameters.Add(new NpgsqlParameter { Value = command.RequestHash });
        statement.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(command.Plan, CommandJson.Options), NpgsqlDbType = NpgsqlDbType.Jsonb });
        statement.Parameters.Add(new NpgsqlParameter { Value = command.PlannedAt });
        statement.Parameters.Add(new NpgsqlParameter { Value = leaseUntil });
        return statement;
    }

    public static NpgsqlBatchCommand CompletePending(CompletedCommand completed) => new("""
        update core.commands set status = 'completed', plan = null, lease_until = null, receipt = $2, ledger_transaction_id = $3, completed_at = $4
        where id = $1 and status = 'pending'
        """)
    {
        Parameters =
        {
            new NpgsqlParameter { Value = completed.Command.Id.ToString() },
            new NpgsqlParameter { Value = completed.ReceiptJson, NpgsqlDbType = NpgsqlDbType.Jsonb },
            new NpgsqlParameter { Value = (object?)completed.Receipt.LedgerTransactionId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint },
            new NpgsqlParameter { Value = completed.Receipt.CompletedAt },
        },
    };

    /// <summary>Frees the key of a pending command the ledger refused: a rejected command leaves nothing behind.</summary>
    public static NpgsqlCommand DeletePending(NpgsqlDataSource dataSource, PlannedCommand command)
    {
        var statement = dataSource.CreateCommand("delete from core.commands where id = $1 and status = 'pending'");
        statement.Parameters.Add(new NpgsqlParameter { Value = command.Id.ToString() });
        return statement;
    }

    /// <summary>
    /// Takes over pending commands whose lease ran out (their process died, or the ledger never answered it), extending
    /// the lease so that two recovery workers never resume the same command at once.
    /// </summary>
    public static async Task<IReadOnlyList<PlannedCommand>> LeaseAbandonedAsync(NpgsqlDataSource dataSource, DateTimeOffset now, DateTimeOffset leaseUntil, int limit, CancellationToken cancellationToken)
    {
        await using var statement = dataSource.CreateCommand("""
            update core.commands set lease_until = $2
            where id in (
                select id from core.commands where status = 'pending' and lease_until < $1
                order by created_at limit $3 for update skip locked)
            returning id, scope, idempotency_key, command, request_hash, plan, created_at
            """);
        statement.Parameters.Add(new NpgsqlParameter { Value = now });
        statement.Parameters.Add(new NpgsqlParameter { Value = leaseUntil });
        statement.Parameters.Add(new NpgsqlParameter { Value = limit });
        var commands = new List<PlannedCommand>();
        await using var reader = await statement.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            commands.Add(new PlannedCommand(
                CommandId.Parse(reader.GetString(0)).Value,
                reader.GetString(1),
                reader.GetString(2),
                reader.GetString(3),
                reader.GetFieldValue<byte[]>(4),
                ReadPlan(reader.GetString(3), reader.GetString(5)),
                reader.GetFieldValue<DateTimeOffset>(6)));
        }

        return commands;
    }

    /// <summary>
    /// The outbox events of completed commands, <c>{command}.completed</c> with its receipt, in the commands' order. An
    /// event is written only if its command's claim is there: a claim that yielded leaves no row for the event to
    /// reference, and the batch must reach the claim's check (which rolls it back) rather than fail on the foreign key.
    /// </summary>
    public static NpgsqlBatchCommand InsertEvents(IReadOnlyList<CompletedCommand> completed) => new("""
        insert into core.outbox (command_id, event_type, payload, created_at)
        select event.command_id, event.event_type, event.payload, event.created_at
        from unnest($1::text[], $2::text[], $3::jsonb[], $4::timestamptz[]) with ordinality as event (command_id, event_type, payload, created_at, position)
        where exists (select from core.commands where id = event.command_id)
        order by event.position
        """)
    {
        Parameters =
        {
            new NpgsqlParameter { Value = completed.Select(done => done.Command.Id.ToString()).ToArray() },
            new NpgsqlParameter { Value = completed.Select(done => OutboxEvents.Completed(done.Command.Command)).ToArray() },
            new NpgsqlParameter { Value = completed.Select(done => done.ReceiptJson).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb },
            new NpgsqlParameter { Value = completed.Select(done => done.Receipt.CompletedAt).ToArray() },
        },
    };

    /// <summary>A stored plan; it commits straight to the journal, so its partition is <see cref="CommandPartition.Direct"/>.</summary>
    private static CommandPlan ReadPlan(string command, string json)
    {
        var plan = JsonSerializer.Deserialize<CommandPlan>(json, CommandJson.Options) ?? throw new InvalidOperationException("A stored plan is null.");
        return plan with { Partition = CommandPartition.Direct.Instance, Data = CommandJson.ReadData(command, (JsonElement)plan.Data) };
    }

    private static async Task<StoredCommand?> ReadOneAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new StoredCommand(
            CommandId.Parse(reader.GetString(0)).Value,
            reader.GetString(1),
            reader.GetString(2),
            reader.GetString(3),
            reader.GetFieldValue<byte[]>(4),
            reader.IsDBNull(5) ? null : CommandJson.ReadReceipt(reader.GetString(5)),
            reader.IsDBNull(6) ? null : reader.GetInt64(6),
            reader.IsDBNull(7) ? null : CommandId.Parse(reader.GetString(7)).Value);
    }
}
