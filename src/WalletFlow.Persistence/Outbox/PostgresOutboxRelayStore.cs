using Npgsql;
using WalletFlow.Application.Outbox;
using WalletFlow.Application.Statements;
using WalletFlow.Persistence.Statements;
using WalletFlow.Persistence.Webhooks;

namespace WalletFlow.Persistence.Outbox;

/// <summary>
/// Claims <c>core.outbox</c> rows with <c>for update skip locked</c> inside a transaction that stays open until the
/// relay commits: the row locks are the claim, so a relay that dies releases its events with its connection.
/// </summary>
internal sealed class PostgresOutboxRelayStore(NpgsqlDataSource dataSource) : IOutboxRelayStore
{
    public async Task<IOutboxClaim> ClaimAsync(int limit, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using var command = new NpgsqlCommand(
                """
                select id, command_id, event_type, (payload ->> 'ledgerTransactionId')::bigint, created_at from core.outbox
                where published_at is null
                order by id
                limit $1
                for update skip locked
                """,
                connection,
                transaction);
            command.Parameters.Add(new NpgsqlParameter { Value = limit });
            var events = new List<ClaimedEvent>();
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    events.Add(new ClaimedEvent(
                        reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetInt64(3), reader.GetFieldValue<DateTimeOffset>(4)));
                }
            }

            return new Claim(connection, transaction, events);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private sealed class Claim(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<ClaimedEvent> events) : IOutboxClaim
    {
        public IReadOnlyList<ClaimedEvent> Events => events;

        public async Task CommitAsync(IReadOnlyList<WalletMovement> movements, DateTimeOffset publishedAt, CancellationToken cancellationToken)
        {
            await StatementRows.ProjectAsync(connection, transaction, movements, cancellationToken);
            await WebhookDeliveryRows.EnqueueAsync(connection, transaction, events, movements, publishedAt, cancellationToken);
            await using var published = new NpgsqlCommand("update core.outbox set published_at = $1 where id = any($2)", connection, transaction);
            published.Parameters.Add(new NpgsqlParameter { Value = publishedAt });
            published.Parameters.Add(new NpgsqlParameter { Value = events.Select(claimed => claimed.Id).ToArray() });
            await published.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        public async ValueTask DisposeAsync()
        {
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        }
    }
}
