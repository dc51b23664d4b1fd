using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using WalletFlow.Application.Commands;
using WalletFlow.Application.Statements;

namespace WalletFlow.Persistence.Statements;

/// <summary>
/// Writes movements into the statement model, once each: a movement already there (an event published twice, or a
/// transaction a rebuild already read) changes nothing. Running balances follow ledger order even when movements
/// arrive out of it: a late line takes the sums of the lines before it and shifts the lines after it. Lines at the end
/// of their statements (nearly all) are written by one statement, and the heads by another, whatever the batch's size.
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
        var atEnd = new List<(WalletMovement Movement, Head After)>();
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
                atEnd.Add((movement, head));
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

        // A wallet's lines behind its head come before its lines at the end (the loop is in ledger order): writing these
        // after every line behind changes no sum a line behind reads.
        if (atEnd.Count > 0)
        {
            batch.BatchCommands.Add(InsertAtEnd(atEnd));
        }

        batch.BatchCommands.Add(UpdateHeads(heads));
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
    /// Lines at the end of their wallets' statements, with the balances after each. A line is reverted already if a
    /// reversal of it is in the statement (its lines were published first); a reversal in this same batch marks it
    /// afterwards instead, with the batch's last statement.
    /// </summary>
    private static NpgsqlBatchCommand InsertAtEnd(List<(WalletMovement Movement, Head After)> lines) => Command(
        $"""
        insert into core.statement_lines ({Columns})
        select line.wallet_id, line.ledger_transaction_id, line.command_id, line.command, line.event_type, line.effective_at, line.currency,
               line.available_change, line.held_change, line.reserved_change, line.available_after, line.held_after, line.reserved_after,
               line.reverted or exists (
                   select from core.statement_lines reversal where reversal.wallet_id = line.wallet_id and reversal.reverts_transaction_id = line.ledger_transaction_id),
               line.reverts_transaction_id, line.postings
        from unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::text[], $8::bigint[], $9::bigint[], $10::bigint[],
                    $11::bigint[], $12::bigint[], $13::bigint[], $14::boolean[], $15::bigint[], $16::jsonb[])
            with ordinality as line (wallet_id, ledger_transaction_id, command_id, command, event_type, effective_at, currency,
                                     available_change, held_change, reserved_change, available_after, held_after, reserved_after,
                                     reverted, reverts_transaction_id, postings, position)
        order by line.position
        """,
        lines.Select(line => line.Movement.Wallet.ToString()).ToArray(),
        lines.Select(line => line.Movement.LedgerTransactionId).ToArray(),
        lines.Select(line => line.Movement.CommandId).ToArray(),
        lines.Select(line => line.Movement.Command).ToArray(),
        lines.Select(line => line.Movement.EventType).ToArray(),
        lines.Select(line => line.Movement.EffectiveAt).ToArray(),
        lines.Select(line => line.Movement.Currency).ToArray(),
        lines.Select(line => line.Movement.AvailableChange).ToArray(),
        lines.Select(line => line.Movement.HeldChange).ToArray(),
        lines.Select(line => line.Movement.ReservedChange).ToArray(),
        lines.Select(line => line.After.Available).ToArray(),
        lines.Select(line => line.After.Held).ToArray(),
        lines.Select(line => line.After.Reserved).ToArray(),
        lines.Select(line => line.Movement.Reverted).ToArray(),
        new NpgsqlParameter { Value = lines.Select(line => line.Movement.RevertsTransactionId).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint },
        new NpgsqlParameter { Value = lines.Select(line => JsonSerializer.Serialize(line.Movement.Postings, CommandJson.Options)).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });

    private static NpgsqlBatchCommand UpdateHeads(Dictionary<string, Head> heads) => Command(
        """
        update core.statement_heads head
        set last_ledger_transaction_id = moved.last, available = moved.available, held = moved.held, reserved = moved.reserved, lines = moved.lines
        from unnest($1::text[], $2::bigint[], $3::bigint[], $4::bigint[], $5::bigint[], $6::bigint[]) as moved (wallet_id, last, available, held, reserved, lines)
        where head.wallet_id = moved.wallet_id
        """,
        heads.Keys.ToArray(),
        heads.Values.Select(head => head.Last).ToArray(),
        heads.Values.Select(head => head.Available).ToArray(),
        heads.Values.Select(head => head.Held).ToArray(),
        heads.Values.Select(head => head.Reserved).ToArray(),
        heads.Values.Select(head => head.Lines).ToArray());

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
