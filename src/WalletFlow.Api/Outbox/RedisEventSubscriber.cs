using StackExchange.Redis;
using WalletFlow.Console.Circuit;

namespace WalletFlow.Api.Outbox;

/// <summary>
/// Hears the events every replica's relay publishes on <see cref="RedisEventFeed.Channel"/> and announces them to this
/// process's live pages (<see cref="LiveChanges"/>): a command relayed on any replica updates the pages of all of them.
/// The message itself is not read: the pages read the books again, whatever changed. With Redis down the pages fall
/// back to their own timer; the client subscribes again by itself once Redis is back.
/// </summary>
internal sealed partial class RedisEventSubscriber(IConnectionMultiplexer redis, LiveChanges changes, ILogger<RedisEventSubscriber> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await redis.GetSubscriber().SubscribeAsync(RedisEventFeed.Channel, (_, _) => changes.Announce());
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            LogSubscribeFailed(exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not subscribe to the relayed events yet; live pages fall back to polling until Redis is back")]
    private partial void LogSubscribeFailed(Exception exception);
}
