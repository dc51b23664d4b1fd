using Npgsql;
using WalletFlow.Application.Outbox;
using WalletFlow.Application.Statements;

namespace WalletFlow.Persistence.Webhooks;

/// <summary>
/// The deliveries a batch of published events owes: one per event and subscribed endpoint of every merchant the event
/// concerns, written in the relay's transaction so an event is published and queued for its partners together, or
/// neither. An event concerns the merchants whose wallets its ledger transaction moved, and the merchant of the wallet
/// its receipt names (a wallet just created moves nothing).
/// </summary>
internal static class WebhookDeliveryRows
{
    public static async Task EnqueueAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<ClaimedEvent> events, IReadOnlyList<WalletMovement> movements, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var moved = movements.Where(movement => movement.CommandId is not null).ToList();
        await using var command = new NpgsqlCommand(
            """
            with concerned as (
                select o.id as event_id, o.event_type, w.merchant_id
                from unnest($2::text[], $3::text[]) as m(command_id, wallet_id)
                join core.outbox o on o.command_id = m.command_id and o.id = any($1)
                join core.wallets w on w.id = m.wallet_id
                union
                select o.id, o.event_type, w.merchant_id
                from core.outbox o
                join core.wallets w on w.id = o.payload -> 'data' ->> 'walletId'
                where o.id = any($1)
            )
            insert into core.webhook_deliveries (endpoint_id, event_id, event_type, next_attempt_at, created_at)
            select e.id, c.event_id, c.event_type, $4, $4
            from concerned c
            join core.webhook_endpoints e on e.merchant_id = c.merchant_id and e.enabled
                and (cardinality(e.event_types) = 0 or c.event_type = any(e.event_types))
            order by c.event_id, e.id
            on conflict (endpoint_id, event_id) do nothing
            """,
            connection,
            transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = events.Select(claimed => claimed.Id).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = moved.Select(movement => movement.CommandId!).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = moved.Select(movement => movement.Wallet.ToString()).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = now });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
