using Npgsql;
using WalletFlow.Application.Webhooks;
using WalletFlow.Domain.Ids;

namespace WalletFlow.Persistence.Webhooks;

/// <summary>
/// The delivery queue in <c>core.webhook_deliveries</c>: due rows are leased with <c>for update skip locked</c> (the
/// lock lasts only the statement; the lease is the claim, so no transaction stays open while an endpoint is called),
/// and an attempt is recorded only under the lease it was sent with.
/// </summary>
internal sealed class PostgresWebhookDeliveryStore(NpgsqlDataSource dataSource) : IWebhookDeliveryStore
{
    public async Task<IReadOnlyList<LeasedDelivery>> LeaseDueAsync(int limit, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken)
    {
        var token = Guid.NewGuid();
        await using var command = dataSource.CreateCommand(
            """
            update core.webhook_deliveries d set lease_until = $2, lease_token = $3
            from (
                select due.id, e.url, e.secret,
                       case when e.previous_secret_until > $1 then e.previous_secret end as previous_secret,
                       o.event_type, o.payload::text as payload, o.created_at as occurred_at
                from core.webhook_deliveries due
                join core.webhook_endpoints e on e.id = due.endpoint_id
                join core.outbox o on o.id = due.event_id
                where due.status = 'pending' and due.next_attempt_at <= $1 and (due.lease_until is null or due.lease_until <= $1) and e.enabled
                order by due.next_attempt_at
                limit $4
                for update of due skip locked
            ) leased
            where d.id = leased.id
            returning d.id, d.event_id, leased.url, leased.event_type, leased.payload, leased.occurred_at, leased.secret, leased.previous_secret, d.attempts, d.failures_in_row
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = now });
        command.Parameters.Add(new NpgsqlParameter { Value = now + lease });
        command.Parameters.Add(new NpgsqlParameter { Value = token });
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        var leased = new List<LeasedDelivery>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var secrets = reader.IsDBNull(7) ? new[] { reader.GetString(6) } : [reader.GetString(6), reader.GetString(7)];
            leased.Add(new LeasedDelivery(
                new WebhookDeliveryId(reader.GetInt64(0)),
                token,
                reader.GetString(2),
                WebhookPayload.EventId(reader.GetInt64(1)),
                WebhookPayload.Body(reader.GetString(3), reader.GetFieldValue<DateTimeOffset>(5), reader.GetString(4)),
                secrets,
                reader.GetInt32(8),
                reader.GetInt32(9)));
        }

        return leased;
    }

    public async Task<bool> RecordAsync(LeasedDelivery delivery, WebhookAttemptResult attempt, DateTimeOffset? nextAttemptAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        ArgumentNullException.ThrowIfNull(attempt);
        var status = attempt.Delivered ? WebhookDeliveryStatus.Delivered : nextAttemptAt is null ? WebhookDeliveryStatus.Dead : WebhookDeliveryStatus.Pending;
        await using var command = dataSource.CreateCommand(
            """
            with moved as (
                update core.webhook_deliveries
                set attempts = attempts + 1,
                    status = $3,
                    failures_in_row = case when $3 = 'delivered' then 0 else failures_in_row + 1 end,
                    next_attempt_at = $4,
                    finished_at = case when $3 = 'pending' then null else $5 end,
                    last_status_code = $6,
                    last_error = $7,
                    lease_until = null,
                    lease_token = null
                where id = $1 and lease_token = $2 and status = 'pending'
                returning id, attempts)
            insert into core.webhook_attempts (delivery_id, attempt, started_at, status_code, latency_ms, error)
            select id, attempts, $8, $6, $9, $7 from moved
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = delivery.Id.Value });
        command.Parameters.Add(new NpgsqlParameter { Value = delivery.LeaseToken });
        command.Parameters.Add(new NpgsqlParameter { Value = WebhookStatuses.ToText(status) });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)nextAttemptAt ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = attempt.StartedAt + attempt.Latency });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)attempt.StatusCode ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)attempt.Error ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = attempt.StartedAt });
        command.Parameters.Add(new NpgsqlParameter { Value = (int)Math.Min(int.MaxValue, Math.Max(0, attempt.Latency.TotalMilliseconds)) });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }
}
