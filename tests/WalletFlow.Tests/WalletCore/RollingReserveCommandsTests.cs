using System.Net;
using Microsoft.Extensions.DependencyInjection;
using WalletFlow.Application.Commands;
using WalletFlow.Application.Reserves;
using WalletFlow.Tests.Infrastructure;

namespace WalletFlow.Tests.WalletCore;

public sealed class RollingReserveCommandsTests(SharedWalletCoreHost shared) : IClassFixture<SharedWalletCoreHost>, IAsyncLifetime
{
    private const string UnknownWallet = "wal_019a0000000070008000000000000001";
    private WalletCoreHost _host = shared.Host;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await _host.AssertInvariantsAsync();
        if (_host != shared.Host)
        {
            await _host.DisposeAsync();
        }
    }

    [Fact]
    public async Task Hold_moves_available_money_to_the_reserve_and_release_brings_it_back()
    {
        var wallet = await _host.CreateWalletAsync();
        await _host.PayInAsync(wallet, "100.00");

        var held = await _host.PostAsync($"/v1/wallets/{wallet}/rolling-reserve/hold", new { amount = "25.50", currency = "USD", reason = "10% rolling reserve" });

        Assert.Equal(HttpStatusCode.OK, held.Status);
        Assert.Equal("25.50", held.Data.GetProperty("amount").GetString());
        Assert.Equal("10% rolling reserve", held.Data.GetProperty("reason").GetString());
        var posting = Assert.Single(held.Body.GetProperty("postings").EnumerateArray());
        Assert.Equal($"wallets:{wallet}:available", posting.GetProperty("source").GetString());
        Assert.Equal($"wallets:{wallet}:reserve", posting.GetProperty("destination").GetString());
        Assert.Equal(("74.50", "0.00", "25.50"), await _host.WalletBalancesAsync(wallet));

        var released = await _host.PostAsync($"/v1/wallets/{wallet}/rolling-reserve/release", new { amount = "20.00", currency = "USD" });

        Assert.Equal(HttpStatusCode.OK, released.Status);
        Assert.Equal(("94.50", "0.00", "5.50"), await _host.WalletBalancesAsync(wallet));
    }

    [Fact]
    public async Task Hold_beyond_the_available_balance_is_refused_and_moves_nothing()
    {
        var wallet = await _host.CreateWalletAsync();
        await _host.PayInAsync(wallet, "10.00");

        var refused = await _host.PostAsync($"/v1/wallets/{wallet}/rolling-reserve/hold", new { amount = "10.01", currency = "USD" });

        refused.AssertRejected(HttpStatusCode.UnprocessableEntity, "INSUFFICIENT_FUNDS");
        Assert.Equal(("10.00", "0.00", "0.00"), await _host.WalletBalancesAsync(wallet));
    }

    [Fact]
    public async Task Release_beyond_what_the_reserve_holds_is_refused_and_moves_nothing()
    {
        var wallet = await _host.CreateWalletAsync();
        await _host.PayInAsync(wallet, "100.00");
        Assert.Equal(HttpStatusCode.OK, (await _host.PostAsync($"/v1/wallets/{wallet}/rolling-reserve/hold", new { amount = "5.00", currency = "USD" })).Status);

        var refused = await _host.PostAsync($"/v1/wallets/{wallet}/rolling-reserve/release", new { amount = "5.01", currency = "USD" });

        refused.AssertRejected(HttpStatusCode.UnprocessableEntity, "INSUFFICIENT_FUNDS");
        Assert.Equal(("95.00", "0.00", "5.00"), await _host.WalletBalancesAsync(wallet));
    }

    public static TheoryData<string, string, string, HttpStatusCode, string, string> Refusals
    {
        get
        {
            var data = new TheoryData<string, string, string, HttpStatusCode, string, string>();
            foreach (var step in new[] { "hold", "release" })
            {
                // step, amount, currency, status, code, field
                data.Add(step, "1.00", "EUR", HttpStatusCode.UnprocessableEntity, "CURRENCY_MISMATCH", "walletId");
                data.Add(step, "0", "USD", HttpStatusCode.BadRequest, "INVALID_AMOUNT", "amount");
                data.Add(step, "1.001", "USD", HttpStatusCode.BadRequest, "INVALID_AMOUNT", "amount");
                data.Add(step, "1.00", "XXX", HttpStatusCode.BadRequest, "CURRENCY_UNKNOWN", "currency");
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task An_invalid_reserve_request_is_refused_and_moves_nothing(string step, string amount, string currency, HttpStatusCode status, string code, string field)
    {
        var wallet = await _host.CreateWalletAsync();
        await _host.PayInAsync(wallet, "100.00");
        Assert.Equal(HttpStatusCode.OK, (await _host.PostAsync($"/v1/wallets/{wallet}/rolling-reserve/hold", new { amount = "50.00", currency = "USD" })).Status);

        var refused = await _host.PostAsync($"/v1/wallets/{wallet}/rolling-reserve/{step}", new { amount, currency });

        refused.AssertRejected(status, code);
        Assert.Equal(field, refused.Field);
        Assert.Equal(("50.00", "0.00", "50.00"), await _host.WalletBalancesAsync(wallet));
    }

    [Theory]
    [InlineData("hold", UnknownWallet, HttpStatusCode.NotFound, "NOT_FOUND")]
    [InlineData("release", UnknownWallet, HttpStatusCode.NotFound, "NOT_FOUND")]
    [InlineData("hold", "wal_nope", HttpStatusCode.BadRequest, "INVALID_ID")]
    [InlineData("release", "wal_nope", HttpStatusCode.BadRequest, "INVALID_ID")]
    public async Task A_reserve_step_on_a_wallet_that_does_not_exist_is_refused(string step, string wallet, HttpStatusCode status, string code)
    {
        var transactions = await _host.LedgerTransactionCountAsync();

        var refused = await _host.PostAsync($"/v1/wallets/{wallet}/rolling-reserve/{step}", new { amount = "1.00", currency = "USD" });

        refused.AssertRejected(status, code);
        Assert.Equal("walletId", refused.Field);
        Assert.Equal(transactions, await _host.LedgerTransactionCountAsync());
    }

    [Theory]
    [InlineData("hold")]
    [InlineData("release")]
    public async Task A_reserve_step_on_a_closed_wallet_is_refused(string step)
    {
        var wallet = await _host.CreateWalletAsync();
        await _host.CloseUnreadWalletAsync(wallet);
        var command = step == "hold" ? "holdRollingReserve" : "releaseRollingReserve";
        var posted = await _host.LedgerTransactionCountAsync(command);

        var refused = await _host.PostAsync($"/v1/wallets/{wallet}/rolling-reserve/{step}", new { amount = "1.00", currency = "USD" });

        refused.AssertRejected(HttpStatusCode.UnprocessableEntity, "WALLET_NOT_ACTIVE");
        Assert.Equal(posted, await _host.LedgerTransactionCountAsync(command));
    }

    [Theory]
    [InlineData("hold")]
    [InlineData("release")]
    public async Task A_reserve_step_for_a_disabled_merchant_is_refused_and_moves_nothing(string step)
    {
        // On the shared host the other row would find frozen-merchant already switched off.
        await UseOwnHostAsync();
        var wallet = await _host.CreateWalletAsync(merchant: "frozen-merchant");
        await _host.PayInAsync(wallet, "100.00");
        Assert.Equal(HttpStatusCode.OK, (await _host.PostAsync($"/v1/wallets/{wallet}/rolling-reserve/hold", new { amount = "50.00", currency = "USD" })).Status);
        await _host.DisableAsync("merchant", "frozen-merchant");

        var refused = await _host.PostAsync($"/v1/wallets/{wallet}/rolling-reserve/{step}", new { amount = "1.00", currency = "USD" });

        refused.AssertRejected(HttpStatusCode.Forbidden, "FLAG_DENIED");
        Assert.Equal(("50.00", "0.00", "50.00"), await _host.WalletBalancesAsync(wallet));
    }

    [Theory]
    [InlineData("holdRollingReserve")]
    [InlineData("releaseRollingReserve")]
    public async Task A_partner_may_not_move_a_rolling_reserve(string command)
    {
        var wallet = await _host.CreateWalletAsync();
        await _host.PayInAsync(wallet, "100.00");
        var executor = _host.Factory.Services.GetRequiredService<CommandExecutor>();
        var partner = new Caller("partner-1", CallerRoles.Partner, "partner-1");

        var refused = await executor.ExecuteAsync(
            CommandRegistry.Find(command)!, new RollingReserveRequest(wallet, "1.00", "USD", null), _host.NewKey(), partner, TestContext.Current.CancellationToken);

        Assert.Equal("FORBIDDEN", refused.Error?.Code);
        Assert.Equal(("100.00", "0.00", "0.00"), await _host.WalletBalancesAsync(wallet));
    }

    /// <summary>Runs the rest of the test on an API of its own (<see cref="SharedWalletCoreHost.StartOwnAsync"/>), which <see cref="DisposeAsync"/> checks and disposes.</summary>
    private async Task UseOwnHostAsync() => _host = await shared.StartOwnAsync(nameof(RollingReserveCommandsTests));
}
