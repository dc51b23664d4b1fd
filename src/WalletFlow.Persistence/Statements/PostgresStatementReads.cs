using System.Text.Json;
using Npgsql;
using WalletFlow.Application.Commands;
using WalletFlow.Application.Statements;
using WalletFlow.Domain.Ids;

namespace WalletFlow.Persistence.Statements;

/// <summary>Reads <c>core.statement_lines</c> by its primary key, newest ledger transaction first.</summary>
internal sealed class PostgresStatementReads(NpgsqlDataSource dataSource) : IStatementReads
{
    public async Task<IReadOnlyList<StoredStatementLine>> ListAsync(WalletId wallet, long? beforeLedgerTransactionId, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            select ledger_transaction_id, command_id, command, event_type, effective_at, currency, available_change, held_change, reserved_change,
                   available_after, held_after, reserved_after, reverted, reverts_transaction_id, postings
            from core.statement_lines
            where wallet_id = $1 and ledger_transaction_id < $2
            order by ledger_transaction_id desc
            limit $3
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = wallet.ToString() });
        command.Parameters.Add(new NpgsqlParameter { Value = beforeLedgerTransactionId ?? long.MaxValue });
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        var lines = new List<StoredStatementLine>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var movement = new WalletMovement(
                wallet,
                reader.GetInt64(0),
                reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.GetFieldValue<DateTimeOffset>(4),
                reader.GetString(5),
                reader.GetInt64(6),
                reader.GetInt64(7),
                reader.GetInt64(8),
                reader.GetBoolean(12),
                reader.IsDBNull(13) ? null : reader.GetInt64(13),
                JsonSerializer.Deserialize<List<ReceiptPosting>>(reader.GetString(14), CommandJson.Options) ?? []);
            lines.Add(new StoredStatementLine(movement, reader.GetInt64(9), reader.GetInt64(10), reader.GetInt64(11)));
        }

        return lines;
    }
}
