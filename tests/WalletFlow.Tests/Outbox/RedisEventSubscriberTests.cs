using Microsoft.Extensions.DependencyInjection;
using WalletFlow.Api.Outbox;
using WalletFlow.Console.Circuit;
using WalletFlow.Postgres;
using WalletFlow.Tests.Infrastructure;

namespace WalletFlow.Tests.Outbox;

/// <summary>
/// The live feed between replicas: two APIs on one database and one real Redis, each its own Orleans silo as the
/// other tests run them; what one replica's relay publishes reaches the live pages of both.
/// </summary>
public sealed class RedisEventSubscriberTests(PostgresFixture postgres)
{
    private static readonly TimeSpan ReconnectLimit = TimeSpan.FromSeconds(30);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static Dictionary<string, string> WithRedis(string connectionString) => new() { ["ConnectionStrings:redis"] = connectionString };

    [Fact]
    public async Task An_event_relayed_by_one_replica_reaches_the_live_pages_of_every_replica()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var relaying = await WalletCoreHost.StartAsync(postgres, nameof(RedisEventSubscriberTests), WithRedis(redis.ConnectionString));
        await using var other = await relaying.StartBesideAsync();
        // Redis drops a message no one is subscribed to yet: both replicas must be listening before anything is relayed.
        await Bounded.PollAsync(() => redis.SubscribersAsync(RedisEventFeed.Channel), subscribers => subscribers == 2, Bounded.Limit, "both replicas subscribing");
        using var onRelaying = Listen(relaying);
        using var onOther = Listen(other);

        await relaying.CreateWalletAsync();
        await relaying.CatchUpAsync();

        await onOther.WaitAsync(Timeout.InfiniteTimeSpan, TimeProvider.System, Cancel).Within();
        await onRelaying.WaitAsync(Timeout.InfiniteTimeSpan, TimeProvider.System, Cancel).Within();
        await relaying.AssertInvariantsAsync();
    }

    [Fact]
    public async Task A_replica_started_while_redis_was_down_subscribes_once_redis_is_up()
    {
        var port = FreePort.Pick();
        await using var host = await WalletCoreHost.StartAsync(postgres, nameof(RedisEventSubscriberTests) + "_late", WithRedis(RedisServer.ConnectionStringAt(port)));
        using var changes = Listen(host);

        await using var redis = await RedisServer.StartAsync(port);
        await Bounded.PollAsync(() => redis.SubscribersAsync(RedisEventFeed.Channel), subscribers => subscribers == 1, ReconnectLimit, "the replica subscribing");
        await host.CreateWalletAsync();
        await host.CatchUpAsync();

        await changes.WaitAsync(Timeout.InfiniteTimeSpan, TimeProvider.System, Cancel).Within();
    }

    private static ChangeListener Listen(WalletCoreHost host) => host.Factory.Services.GetRequiredService<LiveChanges>().Listen();
}
