using WalletFlow.Domain.Errors;
using WalletFlow.Domain.Ids;

namespace WalletFlow.Application.Webhooks;

/// <summary>The refusals the webhook commands share, worded once.</summary>
public static class WebhookErrors
{
    public static Error EndpointNotFound(WebhookEndpointId id) => new(ErrorCodes.NotFound, $"No webhook endpoint has the id {id}.", "endpointId");

    public static Error DeliveryNotFound(WebhookDeliveryId id) => new(ErrorCodes.NotFound, $"No webhook delivery has the id {id}.", "deliveryId");
}
