using Orleans;
using WalletFlow.Application.Commands;

namespace WalletFlow.Application.Webhooks;

/// <summary>pending: waiting for its next attempt; delivered: answered 2xx; dead: its retries ran out; discarded: an operator gave up on it.</summary>
[GenerateSerializer, Alias("walletflow.webhook_delivery_status")]
public enum WebhookDeliveryStatus
{
    Pending,
    Delivered,
    Dead,
    Discarded,
}

/// <summary>An endpoint as it is read: never its secret, only whether a previous one still signs and until when.</summary>
public sealed record WebhookEndpointData(
    string EndpointId,
    string MerchantId,
    string Url,
    IReadOnlyList<string> EventTypes,
    string? Description,
    bool Enabled,
    DateTimeOffset? PreviousSecretValidUntil,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long PendingDeliveries,
    long DeadDeliveries);

/// <summary>The endpoints, newest first.</summary>
public sealed record WebhookEndpointListData(IReadOnlyList<WebhookEndpointData> Items);

/// <summary>
/// One event for one endpoint. <see cref="EventId"/> is the <c>webhook-id</c> every attempt carries, the same on
/// retries and replays, so a receiver that keeps the ids it has processed sees each event once.
/// </summary>
[GenerateSerializer, Alias("walletflow.data.webhook_delivery"), Immutable]
public sealed record WebhookDeliveryData(
    string DeliveryId,
    string EndpointId,
    string MerchantId,
    string Url,
    string EventId,
    string EventType,
    [property: Choice(typeof(WebhookDeliveryStatus))] string Status,
    int Attempts,
    DateTimeOffset? NextAttemptAt,
    int? LastStatusCode,
    string? LastError,
    DateTimeOffset CreatedAt,
    DateTimeOffset? FinishedAt);

/// <summary>One attempt: what the endpoint answered (or the error when it answered nothing usable) and how long it took.</summary>
public sealed record WebhookAttemptData(int Attempt, DateTimeOffset StartedAt, int? StatusCode, int LatencyMs, string? Error);

/// <summary>A delivery and every attempt of it, oldest first.</summary>
public sealed record WebhookDeliveryDetailData(WebhookDeliveryData Delivery, IReadOnlyList<WebhookAttemptData> History);

/// <summary>Which deliveries to list, newest first: <see cref="Before"/> is the cursor (the last delivery of the previous page).</summary>
public sealed record WebhookDeliveryFilter(
    WebhookDeliveryStatus? Status, Domain.Ids.WebhookEndpointId? Endpoint, DateTimeOffset? Since, Domain.Ids.WebhookDeliveryId? Before, int Limit);

/// <summary>
/// The delivery queue at a glance: how many deliveries wait, how many of those are due now and since when the oldest
/// due one has waited (the dispatchers' lag), and how many died in the last week.
/// </summary>
public sealed record WebhookQueueFigures(long Pending, long Due, DateTimeOffset? OldestDueAt, long DeadLastWeek)
{
    /// <summary>How far back <see cref="DeadLastWeek"/> looks: the deliveries an operator still has to decide about.</summary>
    public static readonly TimeSpan DeadWindow = TimeSpan.FromDays(7);
}
