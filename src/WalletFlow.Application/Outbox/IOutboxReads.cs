namespace WalletFlow.Application.Outbox;

/// <summary>The outbox as the operators watch it: what waits to be published and what was written last.</summary>
public interface IOutboxReads
{
    Task<OutboxFigures> GetFiguresAsync(CancellationToken cancellationToken);

    /// <summary>The newest events first, published or not.</summary>
    Task<IReadOnlyList<OutboxEvent>> ListRecentAsync(int limit, CancellationToken cancellationToken);
}

/// <summary>How many events wait and since when, and how many were published.</summary>
public sealed record OutboxFigures(long Pending, DateTimeOffset? OldestPendingAt, long Published);

/// <summary>One event a command wrote in its own transaction (<c>transfer.completed</c>...).</summary>
public sealed record OutboxEvent(long Id, string CommandId, string EventType, DateTimeOffset CreatedAt, DateTimeOffset? PublishedAt);
