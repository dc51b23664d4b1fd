using Microsoft.Extensions.DependencyInjection;
using WalletFlow.Console.Circuit;
using WalletFlow.Tests.Infrastructure;

namespace WalletFlow.Tests.Outbox;

/// <summary>The live feed of an API without Redis: its own relay announces to its own live pages.</summary>
public sealed class InProcessEventFeedTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Without_redis_an_event_relayed_here_reaches_this_replicas_live_pages()
    {
        await using var host = await WalletCoreHost.StartAsync(postgres, nameof(InProcessEventFeedTests));
        using var changes = host.Factory.Services.GetRequiredService<LiveChanges>().Listen();

        await host.CreateWalletAsync();
        await host.CatchUpAsync();

        await changes.WaitAsync(Timeout.InfiniteTimeSpan, TimeProvider.System, TestContext.Current.CancellationToken).Within();
        await host.AssertInvariantsAsync();
    }
}
