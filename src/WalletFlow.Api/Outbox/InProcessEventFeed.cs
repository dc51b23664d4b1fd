using WalletFlow.Application.Outbox;
using WalletFlow.Console.Circuit;

namespace WalletFlow.Api.Outbox;

/// <summary>
/// The live feed without Redis: this process's relay announces what it relayed to this process's live pages. Another
/// replica's pages see it at their next timed read (a replica without Redis has no way to hear the others).
/// </summary>
internal sealed class InProcessEventFeed(LiveChanges changes) : IEventFeed
{
    public Task PublishAsync(IReadOnlyList<ClaimedEvent> events, CancellationToken cancellationToken)
    {
        changes.Announce();
        return Task.CompletedTask;
    }
}
