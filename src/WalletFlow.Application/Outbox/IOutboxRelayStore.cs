using WalletFlow.Application.Statements;

namespace WalletFlow.Application.Outbox;

/// <summary>An event a relay has claimed; <see cref="LedgerTransactionId"/> is the ledger transaction its command posted, if any.</summary>
public sealed record ClaimedEvent(long Id, string CommandId, string EventType, long? LedgerTransactionId, DateTimeOffset CreatedAt);

/// <summary>The outbox as the relays drain it.</summary>
public interface IOutboxRelayStore
{
    /// <summary>
    /// Claims up to <paramref name="limit"/> unpublished events, oldest first, skipping those another relay holds. The
    /// claim holds until it is committed or disposed; disposed uncommitted, the events wait for the next relay.
    /// </summary>
    Task<IOutboxClaim> ClaimAsync(int limit, CancellationToken cancellationToken);
}

/// <summary>Claimed events, and the one transaction that applies what they mean and marks them published.</summary>
public interface IOutboxClaim : IAsyncDisposable
{
    IReadOnlyList<ClaimedEvent> Events { get; }

    /// <summary>Writes the events' statement lines and marks every claimed event published, all or nothing.</summary>
    Task CommitAsync(IReadOnlyList<WalletMovement> movements, DateTimeOffset publishedAt, CancellationToken cancellationToken);
}

/// <summary>
/// Told of the events a relay published, after their commit: the live feeds. At most once and best effort; whatever
/// must see each event exactly once is written in the relay's transaction instead (the statement lines).
/// </summary>
public interface IEventFeed
{
    Task PublishAsync(IReadOnlyList<ClaimedEvent> events, CancellationToken cancellationToken);
}
