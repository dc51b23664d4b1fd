using WalletFlow.Domain.Ids;

namespace WalletFlow.Application.Webhooks;

/// <summary>
/// A due delivery a dispatcher holds until <see cref="LeaseToken"/>'s lease runs out: where to send it, what to send,
/// the secrets that sign it (the current one first; a previous one while its overlap lasts) and how it fared so far.
/// </summary>
public sealed record LeasedDelivery(
    WebhookDeliveryId Id, Guid LeaseToken, string Url, string EventId, string Body, IReadOnlyList<string> Secrets, int Attempts, int FailuresInRow);

/// <summary>One attempt's result: a status code when the endpoint answered, an error when it did not (or answered badly).</summary>
public sealed record WebhookAttemptResult(DateTimeOffset StartedAt, int? StatusCode, TimeSpan Latency, string? Error)
{
    public bool Delivered => StatusCode is >= 200 and < 300;
}

/// <summary>The delivery queue as dispatchers work it.</summary>
public interface IWebhookDeliveryStore
{
    /// <summary>Leases up to <paramref name="limit"/> due deliveries of enabled endpoints, oldest due first, skipping those another dispatcher holds.</summary>
    Task<IReadOnlyList<LeasedDelivery>> LeaseDueAsync(int limit, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>
    /// Records an attempt and moves the delivery on: delivered, pending until <paramref name="nextAttemptAt"/>, or dead
    /// when that is null and the attempt failed. False, and nothing recorded, when the lease was lost meanwhile (it ran
    /// out and another dispatcher took the delivery, or an operator discarded it).
    /// </summary>
    Task<bool> RecordAsync(LeasedDelivery delivery, WebhookAttemptResult attempt, DateTimeOffset? nextAttemptAt, CancellationToken cancellationToken);
}

/// <summary>Sends one signed attempt of a delivery over HTTP.</summary>
public interface IWebhookSender
{
    Task<WebhookAttemptResult> SendAsync(LeasedDelivery delivery, CancellationToken cancellationToken);
}
