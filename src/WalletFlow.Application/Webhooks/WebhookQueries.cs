using WalletFlow.Application.Commands;
using WalletFlow.Application.Wallets;
using WalletFlow.Domain.Errors;
using WalletFlow.Domain.Ids;

namespace WalletFlow.Application.Webhooks;

/// <summary>The webhook endpoints and the delivery queue, with each filter checked like a command's fields.</summary>
public sealed class WebhookQueries(IWebhookReads reads)
{
    public async Task<Result<WebhookEndpointListData>> ListEndpointsAsync(string? merchantId, CancellationToken cancellationToken)
    {
        var fields = new RequestValidator();
        var merchant = merchantId is null ? (MerchantId?)null : fields.Read(MerchantId.Parse(merchantId), "merchantId");
        if (fields.Failed(out var error))
        {
            return error;
        }

        return new WebhookEndpointListData(await reads.ListEndpointsAsync(merchant, cancellationToken));
    }

    /// <summary>Deliveries newest first, filtered by status, endpoint and creation time (ISO 8601 <paramref name="since"/>), a page at a time.</summary>
    public async Task<Result<PageData<WebhookDeliveryData>>> ListDeliveriesAsync(
        string? status, string? endpointId, string? since, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        var fields = new RequestValidator();
        var state = status is null ? (WebhookDeliveryStatus?)null : fields.Choice<WebhookDeliveryStatus>(status, "status");
        var endpoint = endpointId is null ? (WebhookEndpointId?)null : fields.Read(WebhookEndpointId.Parse(endpointId), "endpointId");
        var from = since is null ? (DateTimeOffset?)null : fields.Timestamp(since, "since");
        var before = cursor is null ? (WebhookDeliveryId?)null : fields.Read(WebhookDeliveryId.Parse(cursor), "cursor");
        var size = limit ?? 25;
        fields.Check(size is >= 1 and <= WalletQueries.MaxPageSize, "limit", $"The limit must be between 1 and {WalletQueries.MaxPageSize}.");
        if (fields.Failed(out var error))
        {
            return error;
        }

        var page = await reads.ListDeliveriesAsync(new WebhookDeliveryFilter(state, endpoint, from, before, size + 1), cancellationToken);
        var items = page.Take(size).ToList();
        return new PageData<WebhookDeliveryData>(items, page.Count > size ? items[^1].DeliveryId : null);
    }

    public async Task<Result<WebhookDeliveryDetailData>> GetDeliveryAsync(string? deliveryId, CancellationToken cancellationToken)
    {
        var fields = new RequestValidator();
        var id = fields.Read(WebhookDeliveryId.Parse(deliveryId), "deliveryId");
        if (fields.Failed(out var error))
        {
            return error;
        }

        return await reads.FindDeliveryAsync(id, cancellationToken) is { } delivery
            ? new WebhookDeliveryDetailData(delivery, await reads.ListAttemptsAsync(id, cancellationToken))
            : WebhookErrors.DeliveryNotFound(id);
    }

    /// <summary>The queue at a glance at <paramref name="now"/>: what waits, what is overdue and since when, what died this week.</summary>
    public Task<WebhookQueueFigures> GetQueueFiguresAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        reads.GetQueueFiguresAsync(now, cancellationToken);
}
