using Npgsql;
using WalletFlow.Application.Outbox;

namespace WalletFlow.Persistence.Outbox;

/// <summary>Reads <c>core.outbox</c>; the pending figures come from its partial index of unpublished rows.</summary>
internal sealed class PostgresOutboxReads(NpgsqlDataSource dataSource) : IOutboxReads
{
    public async Task<OutboxFigures> GetFiguresAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            select
                (select count(*) from core.outbox where published_at is null),
                (select created_at from core.outbox where published_at is null order by id limit 1),
                (select count(*) from core.outbox where published_at is not null)
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new OutboxFigures(reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1), reader.GetInt64(2));
    }

    public async Task<IReadOnlyList<OutboxEvent>> ListRecentAsync(int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("select id, command_id, event_type, created_at, published_at from core.outbox order by id desc limit $1");
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        var events = new List<OutboxEvent>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(new OutboxEvent(
                reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3),
                reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4)));
        }

        return events;
    }
}
