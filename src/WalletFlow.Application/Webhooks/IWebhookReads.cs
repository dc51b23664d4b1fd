using WalletFlow.Domain.Ids;

namespace WalletFlow.Application.Webhooks;

/// <summary>The endpoints and the delivery queue as operators and the commands read them.</summary>
public interface IWebhookReads
{
    Task<IReadOnlyList<WebhookEndpointData>> ListEndpointsAsync(MerchantId? merchant, CancellationToken cancellationToken);

    Task<WebhookEndpointData?> FindEndpointAsync(WebhookEndpointId id, CancellationToken cancellationToken);

    Task<IReadOnlyList<WebhookDeliveryData>> ListDeliveriesAsync(WebhookDeliveryFilter filter, CancellationToken cancellationToken);

    Task<WebhookDeliveryData?> FindDeliveryAsync(WebhookDeliveryId id, CancellationToken cancellationToken);

    Task<IReadOnlyList<WebhookAttemptData>> ListAttemptsAsync(WebhookDeliveryId id, CancellationToken cancellationToken);

    /// <summary>The queue at <paramref name="now"/>: pending deliveries, the longest overdue, and the dead ones of the <see cref="WebhookQueueFigures.DeadWindow"/>.</summary>
    Task<WebhookQueueFigures> GetQueueFiguresAsync(DateTimeOffset now, CancellationToken cancellationToken);
}
