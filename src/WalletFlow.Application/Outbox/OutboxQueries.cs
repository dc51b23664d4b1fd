namespace WalletFlow.Application.Outbox;

/// <summary>The outbox's lag (what waits, and for how long) and its latest events, for the console's Overview and Controls.</summary>
public sealed class OutboxQueries(IOutboxReads reads, TimeProvider time)
{
    public const int RecentCount = 20;

    public async Task<OutboxData> GetAsync(CancellationToken cancellationToken)
    {
        var figures = await reads.GetFiguresAsync(cancellationToken);
        var recent = await reads.ListRecentAsync(RecentCount, cancellationToken);
        return new OutboxData(figures.Pending, figures.OldestPendingAt is { } oldest ? time.GetUtcNow() - oldest : null, figures.Published, recent);
    }
}

/// <summary>What waits to be published, how long the oldest has waited, what was published, and the latest events.</summary>
public sealed record OutboxData(long Pending, TimeSpan? OldestPendingAge, long Published, IReadOnlyList<OutboxEvent> Recent);
