using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using WalletFlow.Application.Commands;
using WalletFlow.Application.Statements;

namespace WalletFlow.Persistence.Statements;

/// <summary>
/// Writes movements into the statement model, once each: a movement already there (an event published twice, or a
/// transaction a rebuild already read) changes nothing. Running balances follow ledger order even when movements
/// arrive out of it: a late line takes the sums of the lines before it and shifts the lines after it.
/// </summary>
internal static class StatementRows
{
    public static async Task ProjectAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<WalletMovement> movements, CancellationToken cancellationToken)
    {
        if (movements.Count == 0)
        {
            return;
        }

        var heads = await LockHeadsAsync(connection, transaction, [.. movements.Select(movement => movement.Wallet.ToString()).Distinct().Order(StringComparer.Ordinal)], cancellationToken);
        var present = await PresentAsync(connection, transaction, movements, cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var movement in movements.OrderBy(movement => movement.Wallet.ToString(), StringComparer.Ordinal).ThenBy(movement => movement.LedgerTransactionId))
        {
            var key = (movement.Wallet.ToString(), movement.LedgerTransactionId);
            if (!present.Add(key))
            {
                continue;
            }

            var head = heads[key.Item1];
            if (movement.LedgerTransactionId > head.Last)
            {
                head = head with
                {
                    Last = movement.LedgerTransactionId,
                    Available = head.Available + movement.AvailableChange,
                    Held = head.Held + movement.HeldChange,
                    Reserved = head.Reserved + movement.ReservedChange,
                };
                batch.BatchCommands.Add(Insert(movement, head.Available, head.Held, head.Reserved));
            }
            else
            {
                head = head with
                {
                    Available = head.Available + movement.AvailableChange,
                    Held = head.Held + movement.HeldChange,
                    Reserved = head.Reserved + movement.ReservedChange,
                };
                batch.BatchCommands.Add(InsertBehind(movement));
            }

            heads[key.Item1] = head with { Lines = head.Lines + 1 };
        }

        foreach (var (wallet, head) in heads)
        {
            batch.BatchCommands.Add(Command(
                "update core.statement_heads set last_ledger_transaction_id = $2, available = $3, held = $4, reserved = $5, lines = $6 where wallet_id = $1",
                wallet, head.Last, head.Available, head.Held, head.Reserved, head.Lines));
        }

        var reverted = movements.Select(movement => movement.RevertsTransactionId).OfType<long>().Distinct().ToArray();
        if (reverted.Length > 0)
        {
            batch.BatchCommands.Add(Command("update core.statement_lines set reverted = true where ledger_transaction_id = any($1) and not reverted", reverted));
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Every wallet's head, created if it is the wallet's first line, and locked in wallet order so that two writers never deadlock.</summary>
    private static async Task<Dictionary<string, Head>> LockHeadsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string[] wallets, CancellationToken cancellationToken)
    {
        await using (var create = new NpgsqlCommand(
            "insert into core.statement_heads (wallet_id) select wallet from unnest($1::text[]) wallet order by wallet on conflict do nothing", connection, transaction))
        {
            create.Parameters.Add(new NpgsqlParameter { Value = wallets });
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var locked = new NpgsqlCommand(
            """
            select wallet_id, last_ledger_transaction_id, available, held, reserved, lines from core.statement_heads
            where wallet_id = any($1) order by wallet_id for update
            """,
            connection,
            transaction);
        locked.Parameters.Add(new NpgsqlParameter { Value = wallets });
        var heads = new Dictionary<string, Head>(StringComparer.Ordinal);
        await using var reader = await locked.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            heads[reader.GetString(0)] = new Head(reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5));
        }

        return heads;
    }

    /// <summary>Which of the movements are already lines; read under the heads' locks, so no other writer adds one meanwhile.</summary>
    private static async Task<HashSet<(string, long)>> PresentAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<WalletMovement> movements, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            select line.wallet_id, line.ledger_transaction_id from core.statement_lines line
            join unnest($1::text[], $2::bigint[]) as wanted (wallet_id, ledger_transaction_id)
              on wanted.wallet_id = line.wallet_id and wanted.ledger_transaction_id = line.ledger_transaction_id
            """,
            connection,
            transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = movements.Select(movement => movement.Wallet.ToString()).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = movements.Select(movement => movement.LedgerTransactionId).ToArray() });
        var present = new HashSet<(string, long)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            present.Add((reader.GetString(0), reader.GetInt64(1)));
        }

        return present;
    }

    private const string Columns = """
        wallet_id, ledger_transaction_id, command_id, command, event_type, effective_at, currency,
        available_change, held_change, reserved_change, available_after, held_after, reserved_after, reverted, reverts_transaction_id, postings
        """;

    /// <summary>
    /// A line at the end of the wallet's statement. It is reverted already if a reversal of it is in the statement (its
    /// lines were published first).
    /// </summary>
    private static NpgsqlBatchCommand Insert(WalletMovement movement, long availableAfter, long heldAfter, long reservedAfter) => Command(
        $"""
        insert into core.statement_lines ({Columns})
        values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13,
                $14 or exists (select from core.statement_lines reversal where reversal.wallet_id = $1 and reversal.reverts_transaction_id = $2),
                $15, $16)
        """,
        [.. Values(movement), availableAfter, heldAfter, reservedAfter, movement.Reverted, Reverts(movement), Postings(movement)]);

    /// <summary>A line older than the wallet's latest: its balances are the sums of the lines before it, and the later lines move by its change.</summary>
    private static NpgsqlBatchCommand InsertBehind(WalletMovement movement) => Command(
        $"""
        with before as (
            select coalesce(sum(available_change), 0) as available, coalesce(sum(held_change), 0) as held, coalesce(sum(reserved_change), 0) as reserved
            from core.statement_lines where wallet_id = $1 and ledger_transaction_id < $2),
        shifted as (
            update core.statement_lines
            set available_after = available_after + $8, held_after = held_after + $9, reserved_after = reserved_after + $10
            where wallet_id = $1 and ledger_transaction_id > $2)
        insert into core.statement_lines ({Columns})
        select $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, before.available + $8, before.held + $9, before.reserved + $10,
               $11 or exists (select from core.statement_lines reversal where reversal.wallet_id = $1 and reversal.reverts_transaction_id = $2),
               $12, $13
        from before
        """,
        [.. Values(movement), movement.Reverted, Reverts(movement), Postings(movement)]);

    private static object?[] Values(WalletMovement movement) =>
    [
        movement.Wallet.ToString(), movement.LedgerTransactionId, movement.CommandId, movement.Command, movement.EventType, movement.EffectiveAt,
        movement.Currency, movement.AvailableChange, movement.HeldChange, movement.ReservedChange,
    ];

    private static NpgsqlParameter Reverts(WalletMovement movement) =>
        new() { Value = (object?)movement.RevertsTransactionId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint };

    private static NpgsqlParameter Postings(WalletMovement movement) =>
        new() { Value = JsonSerializer.Serialize(movement.Postings, CommandJson.Options), NpgsqlDbType = NpgsqlDbType.Jsonb };

    private static NpgsqlBatchCommand Command(string sql, params object?[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(value as NpgsqlParameter ?? new NpgsqlParameter { Value = value ?? DBNull.Value });
        }

        return command;
    }

    private sealed record Head(long Last, long Available, long Held, long Reserved, long Lines);
}
