using System.Text.Json;
using StackExchange.Redis;
using WalletFlow.Application.Commands;
using WalletFlow.Application.Outbox;

namespace WalletFlow.Api.Outbox;

/// <summary>
/// Publishes each relayed event on the Redis channel <see cref="Channel"/>, for the live pages of every process
/// (<see cref="RedisEventSubscriber"/>). Fire and forget: with Redis down the pages fall back to their own polling, and
/// nothing that counts is lost.
/// </summary>
internal sealed class RedisEventFeed(IConnectionMultiplexer redis) : IEventFeed
{
    public static readonly RedisChannel Channel = RedisChannel.Literal("walletflow:events");

    public async Task PublishAsync(IReadOnlyList<ClaimedEvent> events, CancellationToken cancellationToken)
    {
        var subscriber = redis.GetSubscriber();
        foreach (var published in events)
        {
            await subscriber.PublishAsync(Channel, JsonSerializer.Serialize(published, CommandJson.Options), CommandFlags.FireAndForget);
        }
    }
}
