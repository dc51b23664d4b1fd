using System.Net;
using WalletFlow.Tests.Infrastructure;

namespace WalletFlow.Tests.WalletCore;

public sealed class WalletCommandsTests(PostgresFixture postgres) : IAsyncLifetime
{
    private WalletCoreHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await WalletCoreHost.StartAsync(postgres, nameof(WalletCommandsTests));

    public async ValueTask DisposeAsync()
    {
        await _host.AssertInvariantsAsync();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task Pay_in_then_transfer_moves_the_exact_amounts_and_a_replay_posts_nothing()
    {
        var alice = await _host.CreateWalletAsync();
        var bob = await _host.CreateWalletAsync();
        await _host.PayInAsync(alice, "100.00");

        var key = _host.NewKey();
        var first = await _host.PostAsync("/v1/transfers", new { sourceWalletId = alice, destinationWalletId = bob, amount = "30.25", currency = "USD" }, key);
        var again = await _host.PostAsync("/v1/transfers", new { sourceWalletId = alice, destinationWalletId = bob, amount = "30.25", currency = "USD" }, key);

        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.False(first.Replayed);
        Assert.True(again.Replayed);
        Assert.Equal(first.Body.GetProperty("commandId").GetString(), again.Body.GetProperty("commandId").GetString());
        Assert.Equal("69.75", await _host.AvailableAsync(alice));
        Assert.Equal("30.25", await _host.AvailableAsync(bob));
    }

    [Fact]
    public async Task Transfer_with_insufficient_funds_is_rejected_and_moves_nothing()
    {
        var alice = await _host.CreateWalletAsync();
        var bob = await _host.CreateWalletAsync();
        await _host.PayInAsync(alice, "10.00");

        var rejected = await _host.PostAsync("/v1/transfers", new { sourceWalletId = alice, destinationWalletId = bob, amount = "10.01", currency = "USD" });

        rejected.AssertRejected(HttpStatusCode.UnprocessableEntity, "INSUFFICIENT_FUNDS");
        Assert.Equal("10.00", await _host.AvailableAsync(alice));
        Assert.Equal("0.00", await _host.AvailableAsync(bob));
    }
}
