using Microsoft.Extensions.Logging;
using WalletFlow.Application.Statements;
using WalletFlow.Ledger;

namespace WalletFlow.Application.Outbox;

/// <summary>
/// Publishes the outbox: claims a batch of events (several relays share the work through the store's skip-locked
/// claims), reads each event's ledger transaction, writes the statement lines and marks the batch published in one
/// transaction, then tells the live feeds. A relay killed before its commit publishes nothing, and the next relay
/// claims the same events: the statement model sees each event once.
/// </summary>
public sealed partial class OutboxRelay(
    IOutboxRelayStore store, IOutboxReads reads, ILedger ledger, string ledgerName, IEnumerable<IEventFeed> feeds, TimeProvider time, ILogger<OutboxRelay> logger)
{
    public const int BatchSize = 200;

    private static readonly TimeSpan DrainWait = TimeSpan.FromMilliseconds(20);

    /// <summary>Publishes the next batch; how many events it published (zero when none was free to claim).</summary>
    public async Task<int> RelayNextAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<ClaimedEvent> published;
        await using (var claim = await store.ClaimAsync(BatchSize, cancellationToken))
        {
            if (claim.Events.Count == 0)
            {
                return 0;
            }

            await claim.CommitAsync(await ProjectAsync(claim.Events, cancellationToken), time.GetUtcNow(), cancellationToken);
            published = claim.Events;
        }

        foreach (var feed in feeds)
        {
            try
            {
                await feed.PublishAsync(published, cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogFeedFailed(exception, feed.GetType().Name, published.Count);
            }
        }

        return published.Count;
    }

    /// <summary>Relays until no event is left unpublished, waiting out the batches other relays hold.</summary>
    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        while (await RelayNextAsync(cancellationToken) > 0 || (await reads.GetFiguresAsync(cancellationToken)).Pending > 0)
        {
            await Task.Delay(DrainWait, time, cancellationToken);
        }
    }

    /// <summary>
    /// The batch's wallet movements, from one read of its transactions. An event whose transaction the ledger cannot give
    /// stops the batch: it is retried rather than skipped, and the outbox's lag shows it.
    /// </summary>
    private async Task<List<WalletMovement>> ProjectAsync(IReadOnlyList<ClaimedEvent> events, CancellationToken cancellationToken)
    {
        var ids = events.Select(claimed => claimed.LedgerTransactionId).OfType<long>().ToList();
        if (!(await ledger.GetTransactionsAsync(ledgerName, ids, cancellationToken)).TryGetValue(out var transactions, out var error))
        {
            throw new InvalidOperationException($"The ledger could not give the transactions of {ids.Count} outbox events: {error}");
        }

        var movements = new List<WalletMovement>();
        foreach (var claimed in events)
        {
            if (claimed.LedgerTransactionId is not { } id)
            {
                continue;
            }

            if (!transactions.TryGetValue(id, out var transaction))
            {
                throw new InvalidOperationException($"Outbox event {claimed.Id} ({claimed.EventType}) names ledger transaction {id}, which the ledger does not hold.");
            }

            movements.AddRange(WalletMovement.Of(transaction));
        }

        return movements;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The live feed {Feed} missed {Count} published events")]
    private partial void LogFeedFailed(Exception exception, string feed, int count);
}
