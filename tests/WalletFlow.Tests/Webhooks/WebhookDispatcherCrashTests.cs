using Microsoft.Extensions.DependencyInjection;
using WalletFlow.Application.Webhooks;
using WalletFlow.Tests.Infrastructure;

namespace WalletFlow.Tests.Webhooks;

/// <summary>
/// A process dying while an endpoint holds its attempt open: its dispatcher is stopped mid-attempt and the process
/// goes away. The delivery stays leased to nobody until the lease runs out; then a process beside it sends it again
/// under the same <c>webhook-id</c>, and the receiver, keeping the ids it processed, has it once.
/// </summary>
public sealed class WebhookDispatcherCrashTests(PostgresFixture postgres) : IAsyncLifetime
{
    // Long enough that the stopped attempt cannot end on its own before the test stops it.
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(30);

    private WebhookHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await WebhookHost.StartAsync(
        postgres, nameof(WebhookDispatcherCrashTests), new Dictionary<string, string> { ["Webhooks:AttemptTimeout"] = AttemptTimeout.ToString() });

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _host.Api.AssertInvariantsAsync();
        }
        finally
        {
            await _host.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_dispatcher_stopped_mid_attempt_records_nothing_and_another_process_delivers_once_its_lease_runs_out()
    {
        var merchant = _host.Api.NewSlug("killed");
        var endpoint = await _host.ReceiverEndpointAsync(merchant, "killed", hangTimes: 1);
        await _host.Api.CreateWalletAsync(merchant: merchant);
        await _host.Api.CatchUpAsync();
        await using var survivor = await _host.StartBesideAsync();

        var victim = await _host.StartBesideAsync();
        using var kill = new CancellationTokenSource();
        var inFlight = victim.Factory.Services.GetRequiredService<WebhookDispatcher>().DispatchDueAsync(kill.Token);
        await Bounded.PollAsync(() => _host.Receiver.ReceivedAsync("killed"), received => received.Attempts.Count == 1, Bounded.Limit, "the victim's attempt reaching the receiver");
        await kill.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => inFlight);
        await victim.DisposeAsync();

        var leased = await _host.SingleDeliveryAsync(endpoint);
        Assert.Equal(("pending", 0), (leased.GetProperty("status").GetString(), leased.GetProperty("attempts").GetInt32()));
        Assert.Equal(0, await _host.DispatchAsync(survivor));
        _host.Clock.Advance(new WebhookOptions { AttemptTimeout = AttemptTimeout }.Lease + TimeSpan.FromSeconds(1));
        Assert.Equal(1, await _host.DispatchAsync(survivor));

        var delivered = await _host.SingleDeliveryAsync(endpoint);
        Assert.Equal(("delivered", 1), (delivered.GetProperty("status").GetString(), delivered.GetProperty("attempts").GetInt32()));
        var received = await _host.Receiver.ReceivedAsync("killed");
        Assert.Equal([delivered.GetProperty("eventId").GetString()!], received.Delivered);
        Assert.Equal(0, received.Duplicates);
    }
}
