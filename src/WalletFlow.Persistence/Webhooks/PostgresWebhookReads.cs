using Npgsql;
using WalletFlow.Application.Webhooks;
using WalletFlow.Domain.Ids;

namespace WalletFlow.Persistence.Webhooks;

/// <summary>Reads <c>core.webhook_endpoints</c>, <c>core.webhook_deliveries</c> and <c>core.webhook_attempts</c>; never a secret.</summary>
internal sealed class PostgresWebhookReads(NpgsqlDataSource dataSource) : IWebhookReads
{
    private const string EndpointColumns =
        """
        e.id, e.merchant_id, e.url, e.event_types, e.description, e.enabled, e.previous_secret_until, e.created_at, e.updated_at,
        (select count(*) from core.webhook_deliveries d where d.endpoint_id = e.id and d.status = 'pending'),
        (select count(*) from core.webhook_deliveries d where d.endpoint_id = e.id and d.status = 'dead')
        """;

    private const string DeliveryColumns =
        """
        d.id, d.endpoint_id, e.merchant_id, e.url, d.event_id, d.event_type, d.status, d.attempts, d.next_attempt_at,
        d.last_status_code, d.last_error, d.created_at, d.finished_at
        """;

    public async Task<IReadOnlyList<WebhookEndpointData>> ListEndpointsAsync(MerchantId? merchant, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"select {EndpointColumns} from core.webhook_endpoints e where $1::text is null or e.merchant_id = $1 order by e.created_at desc, e.id");
        command.Parameters.Add(Nullable(merchant?.Value, NpgsqlTypes.NpgsqlDbType.Text));
        return await ReadAllAsync(command, ReadEndpoint, cancellationToken);
    }

    public async Task<WebhookEndpointData?> FindEndpointAsync(WebhookEndpointId id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"select {EndpointColumns} from core.webhook_endpoints e where e.id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = id.ToString() });
        return (await ReadAllAsync(command, ReadEndpoint, cancellationToken)).SingleOrDefault();
    }

    public async Task<IReadOnlyList<WebhookDeliveryData>> ListDeliveriesAsync(WebhookDeliveryFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var command = dataSource.CreateCommand(
            $"""
            select {DeliveryColumns}
            from core.webhook_deliveries d join core.webhook_endpoints e on e.id = d.endpoint_id
            where ($1::text is null or d.status = $1)
              and ($2::text is null or d.endpoint_id = $2)
              and ($3::timestamptz is null or d.created_at >= $3)
              and ($4::bigint is null or d.id < $4)
            order by d.id desc
            limit $5
            """);
        command.Parameters.Add(Nullable(filter.Status is { } status ? WebhookStatuses.ToText(status) : null, NpgsqlTypes.NpgsqlDbType.Text));
        command.Parameters.Add(Nullable(filter.Endpoint?.ToString(), NpgsqlTypes.NpgsqlDbType.Text));
        command.Parameters.Add(Nullable(filter.Since, NpgsqlTypes.NpgsqlDbType.TimestampTz));
        command.Parameters.Add(Nullable(filter.Before?.Value, NpgsqlTypes.NpgsqlDbType.Bigint));
        command.Parameters.Add(new NpgsqlParameter { Value = filter.Limit });
        return await ReadAllAsync(command, ReadDelivery, cancellationToken);
    }

    public async Task<WebhookDeliveryData?> FindDeliveryAsync(WebhookDeliveryId id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"select {DeliveryColumns} from core.webhook_deliveries d join core.webhook_endpoints e on e.id = d.endpoint_id where d.id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = id.Value });
        return (await ReadAllAsync(command, ReadDelivery, cancellationToken)).SingleOrDefault();
    }

    public async Task<IReadOnlyList<WebhookAttemptData>> ListAttemptsAsync(WebhookDeliveryId id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "select attempt, started_at, status_code, latency_ms, error from core.webhook_attempts where delivery_id = $1 order by attempt");
        command.Parameters.Add(new NpgsqlParameter { Value = id.Value });
        return await ReadAllAsync(
            command,
            reader => new WebhookAttemptData(
                reader.GetInt32(0), reader.GetFieldValue<DateTimeOffset>(1), reader.IsDBNull(2) ? null : reader.GetInt32(2), reader.GetInt32(3), reader.IsDBNull(4) ? null : reader.GetString(4)),
            cancellationToken);
    }

    public async Task<WebhookQueueFigures> GetQueueFiguresAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            select count(*) filter (where status = 'pending'),
                   count(*) filter (where status = 'pending' and next_attempt_at <= $1),
                   min(next_attempt_at) filter (where status = 'pending' and next_attempt_at <= $1),
                   count(*) filter (where status = 'dead' and finished_at >= $2)
            from core.webhook_deliveries
            where status = 'pending' or (status = 'dead' and finished_at >= $2)
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = now });
        command.Parameters.Add(new NpgsqlParameter { Value = now - WebhookQueueFigures.DeadWindow });
        return (await ReadAllAsync(
            command,
            reader => new WebhookQueueFigures(reader.GetInt64(0), reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetFieldValue<DateTimeOffset>(2), reader.GetInt64(3)),
            cancellationToken)).Single();
    }

    private static WebhookEndpointData ReadEndpoint(NpgsqlDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetFieldValue<string[]>(3),
        reader.IsDBNull(4) ? null : reader.GetString(4),
        reader.GetBoolean(5),
        reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6),
        reader.GetFieldValue<DateTimeOffset>(7),
        reader.GetFieldValue<DateTimeOffset>(8),
        reader.GetInt64(9),
        reader.GetInt64(10));

    private static WebhookDeliveryData ReadDelivery(NpgsqlDataReader reader) => new(
        new WebhookDeliveryId(reader.GetInt64(0)).ToString(),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetString(3),
        WebhookPayload.EventId(reader.GetInt64(4)),
        reader.GetString(5),
        reader.GetString(6),
        reader.GetInt32(7),
        reader.IsDBNull(8) ? null : reader.GetFieldValue<DateTimeOffset>(8),
        reader.IsDBNull(9) ? null : reader.GetInt32(9),
        reader.IsDBNull(10) ? null : reader.GetString(10),
        reader.GetFieldValue<DateTimeOffset>(11),
        reader.IsDBNull(12) ? null : reader.GetFieldValue<DateTimeOffset>(12));

    private static NpgsqlParameter Nullable(object? value, NpgsqlTypes.NpgsqlDbType type) => new() { Value = value ?? DBNull.Value, NpgsqlDbType = type };

    private static async Task<IReadOnlyList<T>> ReadAllAsync<T>(NpgsqlCommand command, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
    {
        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}
