using WalletFlow.Application.Commands;
using WalletFlow.Application.Webhooks;
using WalletFlow.Domain.Errors;
using WalletFlow.Persistence.Commands;

namespace WalletFlow.Persistence.Webhooks;

/// <summary>The rows the webhook commands write: endpoints, their secrets, and operator moves of deliveries.</summary>
internal static class WebhookRows
{
    public static ChangeStatement Add(AddWebhookEndpoint endpoint) => new(ChangeStatement.Sql(
        """
        insert into core.webhook_endpoints (id, merchant_id, url, event_types, description, secret, created_at, updated_at)
        values ($1, $2, $3, $4, $5, $6, $7, $7)
        """,
        endpoint.EndpointId, endpoint.MerchantId, endpoint.Url, endpoint.EventTypes.ToArray(), endpoint.Description, endpoint.Secret, endpoint.At));

    public static ChangeStatement ReplaceSecret(ReplaceWebhookSecret rotation) => new(
        ChangeStatement.Sql(
            """
            update core.webhook_endpoints
            set previous_secret = secret, previous_secret_until = $3, secret = $2, updated_at = $4
            where id = $1
            """,
            rotation.EndpointId, rotation.Secret, rotation.PreviousValidUntil, rotation.At),
        WhenUnchanged: () => new Error(ErrorCodes.NotFound, $"No webhook endpoint has the id {rotation.EndpointId}.", "endpointId"));

    /// <summary>
    /// Only from a status the move allows, and it takes the delivery from any dispatcher holding it: that dispatcher's
    /// attempt is then not recorded (its lease is gone). A replay starts the retry schedule over.
    /// </summary>
    public static ChangeStatement Move(MoveWebhookDelivery move) => new(
        ChangeStatement.Sql(
            """
            update core.webhook_deliveries
            set status = $2,
                next_attempt_at = case when $2 = 'pending' then $3 end,
                finished_at = case when $2 = 'pending' then null else $3 end,
                failures_in_row = case when $2 = 'pending' then 0 else failures_in_row end,
                lease_until = null, lease_token = null
            where id = $1 and status = any($4)
            """,
            move.DeliveryId, WebhookStatuses.ToText(move.To), move.At, move.From.Select(WebhookStatuses.ToText).ToArray()),
        WhenUnchanged: () => new Error(
            ErrorCodes.Conflict, $"Webhook delivery whd_{move.DeliveryId} was moved by another process first; it is no longer {string.Join(" or ", move.From.Select(WebhookStatuses.ToText))}.", "deliveryId"));
}

/// <summary>A delivery's status as <c>core.webhook_deliveries.status</c> spells it.</summary>
internal static class WebhookStatuses
{
    public static string ToText(WebhookDeliveryStatus status) => RequestValidator.ToSnakeCase(status.ToString());
}
