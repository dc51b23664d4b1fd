using System.Net;
using WalletFlow.Domain.Ids;
using WalletFlow.Tests.Infrastructure;

namespace WalletFlow.Tests.WalletCore;

public sealed class TreasuryCommandsTests(SharedWalletCoreHost shared) : IClassFixture<SharedWalletCoreHost>, IAsyncLifetime
{
    private readonly WalletCoreHost _host = shared.Host;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _host.AssertInvariantsAsync();

    [Fact]
    public async Task Bank_funding_as_treasury_credits_the_bank_and_treasury_equity()
    {
        var citi = await _host.AccountBalanceAsync("banks:citi:USD", "USD");
        var treasury = await _host.AccountBalanceAsync("equity:treasury", "USD");

        var funded = await _host.PostAsync("/v1/treasury/bank-fundings", new { amount = "1000.00", currency = "USD", bankId = "citi", purpose = "treasury" });

        Assert.Equal(HttpStatusCode.Created, funded.Status);
        funded.AssertBalances(citi.Plus("1000.00"), treasury.Plus("1000.00"));
        Assert.Equal("banks:citi:USD", funded.Data.GetProperty("account").GetString());
        Assert.Equal("equity:treasury", funded.Data.GetProperty("funding").GetString());
        Assert.Equal("treasury", funded.Data.GetProperty("purpose").GetString());
        Assert.Equal(citi.Plus("1000.00").Balance, await _host.LedgerAmountAsync("banks:citi:USD", "USD"));
    }

    [Fact]
    public async Task Bank_funding_of_stablecoin_custody_as_fx_position_credits_custody_and_the_coin_position()
    {
        var custody = await _host.AccountBalanceAsync("stablecoins:ethereum:USDC", "USDC");
        var position = await _host.AccountBalanceAsync("fx:USDC", "USDC");

        var funded = await _host.PostAsync("/v1/treasury/bank-fundings", new { amount = "500.5", currency = "USDC", network = "ethereum", purpose = "fx_position" });

        Assert.Equal(HttpStatusCode.Created, funded.Status);
        funded.AssertBalances(custody.Plus("500.500000"), position.Plus("500.500000"));
        Assert.Equal(position.Plus("500.500000").Balance, await _host.LedgerAmountAsync("fx:USDC", "USDC"));
    }

    [Fact]
    public async Task Bank_funding_of_a_counterparty_credits_the_counterparty_account()
    {
        var counterparty = await _host.AccountBalanceAsync("counterparties:ocbc", "EUR");
        var position = await _host.AccountBalanceAsync("fx:EUR", "EUR");

        var funded = await _host.PostAsync("/v1/treasury/bank-fundings", new { amount = "250.00", currency = "EUR", counterpartyId = "ocbc", purpose = "fx_position" });

        Assert.Equal(HttpStatusCode.Created, funded.Status);
        funded.AssertBalances(counterparty.Plus("250.00"), position.Plus("250.00"));
    }

    [Theory]
    [InlineData(null, null, null, "treasury", "10.00", "USD", HttpStatusCode.BadRequest, "VALIDATION", "bankId")]
    [InlineData("citi", "ethereum", null, "treasury", "10.00", "USDC", HttpStatusCode.BadRequest, "VALIDATION", "network")]
    [InlineData("citi", null, "ocbc", "treasury", "10.00", "USD", HttpStatusCode.BadRequest, "VALIDATION", "counterpartyId")]
    [InlineData("citi", null, null, "salary", "10.00", "USD", HttpStatusCode.BadRequest, "VALIDATION", "purpose")]
    [InlineData("citi", null, null, null, "10.00", "USD", HttpStatusCode.BadRequest, "VALIDATION", "purpose")]
    [InlineData(null, "ethereum", null, "treasury", "10.00", "USD", HttpStatusCode.BadRequest, "VALIDATION", "currency")]
    [InlineData("Citi", null, null, "treasury", "10.00", "USD", HttpStatusCode.BadRequest, "INVALID_ID", "bankId")]
    [InlineData("citi", null, null, "treasury", "0.00", "USD", HttpStatusCode.BadRequest, "INVALID_AMOUNT", "amount")]
    [InlineData("citi", null, null, "treasury", "10.001", "USD", HttpStatusCode.BadRequest, "INVALID_AMOUNT", "amount")]
    [InlineData("citi", null, null, "treasury", "-5.00", "USD", HttpStatusCode.BadRequest, "INVALID_AMOUNT", "amount")]
    [InlineData("citi", null, null, "treasury", "10.00", "XYZ", HttpStatusCode.BadRequest, "CURRENCY_UNKNOWN", "currency")]
    public async Task Bank_funding_with_an_invalid_request_is_refused_and_posts_nothing(
        string? bankId, string? network, string? counterpartyId, string? purpose, string amount, string currency, HttpStatusCode status, string code, string field)
    {
        await _host.PostAsync("/v1/treasury/bank-fundings", new { amount = "1.00", currency = "USD", bankId = "citi", purpose = "treasury" });
        var before = await _host.SnapshotAsync();

        var rejected = await _host.PostAsync("/v1/treasury/bank-fundings", new { amount, currency, bankId, network, counterpartyId, purpose });

        rejected.AssertRejected(status, code);
        Assert.Equal(field, rejected.Field);
        await _host.AssertUnchangedAsync(before);
    }

    [Fact]
    public async Task Opening_balance_for_a_wallet_credits_the_wallet_and_the_bank_that_holds_the_money()
    {
        var wallet = await _host.CreateWalletAsync();
        var citi = await _host.AccountBalanceAsync("banks:citi:USD", "USD");

        var opened = await _host.PostAsync("/v1/migrations/opening-balances", new { amount = "75.40", currency = "USD", assetKind = "bank", bankId = "citi", claimKind = "wallet", walletId = wallet });

        Assert.Equal(HttpStatusCode.Created, opened.Status);
        opened.AssertBalances(citi.Plus("75.40"), ($"wallets:{wallet}:available", "75.40", "USD"));
        Assert.Equal(wallet, opened.Data.GetProperty("walletId").GetString());
        Assert.Equal("75.40", await _host.AvailableAsync(wallet));
    }

    [Fact]
    public async Task Opening_balance_for_a_wallet_reserve_credits_the_reserve_not_the_available_balance()
    {
        var wallet = await _host.CreateWalletAsync("EUR");
        var pool = await _host.AccountBalanceAsync("pools:gps:EUR", "EUR");

        var opened = await _host.PostAsync("/v1/migrations/opening-balances", new { amount = "20.00", currency = "EUR", assetKind = "gps_pool", claimKind = "wallet_reserve", walletId = wallet });

        Assert.Equal(HttpStatusCode.Created, opened.Status);
        opened.AssertBalances(pool.Plus("20.00"), ($"wallets:{wallet}:reserve", "20.00", "EUR"));
        var balances = await _host.BalancesAsync(wallet);
        Assert.Equal("20.00", balances.GetProperty("reserved").GetString());
        Assert.Equal("0.00", balances.GetProperty("available").GetString());
    }

    [Theory]
    [InlineData("counterparty", null, null, "ocbc", "suspense", "USD", "12.00", "counterparties:ocbc", "suspense")]
    [InlineData("stablecoin", null, "tron", null, "opening_balance_equity", "USDT", "3.25", "stablecoins:tron:USDT", "equity:opening_balance")]
    [InlineData("bank", "barclays", null, null, "fx_position", "GBP", "99.99", "banks:barclays:GBP", "fx:GBP")]
    [InlineData("gps_pool", null, null, null, "suspense", "JPY", "500", "pools:gps:JPY", "suspense")]
    public async Task Opening_balance_without_a_wallet_credits_the_asset_and_the_claim_named(
        string assetKind, string? bankId, string? network, string? counterpartyId, string claimKind, string currency, string amount, string asset, string claim)
    {
        var assetBefore = await _host.AccountBalanceAsync(asset, currency);
        var claimBefore = await _host.AccountBalanceAsync(claim, currency);

        var opened = await _host.PostAsync("/v1/migrations/opening-balances", new { amount, currency, assetKind, bankId, network, counterpartyId, claimKind });

        Assert.Equal(HttpStatusCode.Created, opened.Status);
        var expected = currency == "USDT" ? "3.250000" : amount;
        opened.AssertBalances(assetBefore.Plus(expected), claimBefore.Plus(expected));
        Assert.Equal(claimBefore.Plus(expected).Balance, await _host.LedgerAmountAsync(claim, currency));
    }

    [Theory]
    [InlineData("vault", "citi", null, "wallet", true, "VALIDATION", "assetKind")]
    [InlineData("bank", "citi", null, "customer", true, "VALIDATION", "claimKind")]
    [InlineData("bank", null, null, "wallet", true, "INVALID_ID", "bankId")]
    [InlineData("bank", "citi", "ethereum", "wallet", true, "VALIDATION", "network")]
    [InlineData("stablecoin", null, "ethereum", "suspense", false, "VALIDATION", "currency")]
    [InlineData("bank", "citi", null, "wallet", false, "INVALID_ID", "walletId")]
    [InlineData("bank", "citi", null, "suspense", true, "VALIDATION", "walletId")]
    public async Task Opening_balance_with_an_invalid_request_is_refused_and_posts_nothing(
        string assetKind, string? bankId, string? network, string claimKind, bool withWallet, string code, string field)
    {
        var wallet = await _host.CreateWalletAsync();
        var before = await _host.SnapshotAsync();

        var rejected = await _host.PostAsync("/v1/migrations/opening-balances", new
        {
            amount = "10.00", currency = "USD", assetKind, bankId, network, claimKind, walletId = withWallet ? wallet : null,
        });

        rejected.AssertRejected(HttpStatusCode.BadRequest, code);
        Assert.Equal(field, rejected.Field);
        await _host.AssertUnchangedAsync(before);
    }

    [Theory]
    [InlineData("0", "USD", "INVALID_AMOUNT", "amount")]
    [InlineData("10.00", "ABC", "CURRENCY_UNKNOWN", "currency")]
    public async Task Opening_balance_with_an_invalid_amount_or_currency_is_refused_and_posts_nothing(string amount, string currency, string code, string field)
    {
        var before = await _host.SnapshotAsync();

        var rejected = await _host.PostAsync("/v1/migrations/opening-balances", new { amount, currency, assetKind = "gps_pool", claimKind = "suspense" });

        rejected.AssertRejected(HttpStatusCode.BadRequest, code);
        Assert.Equal(field, rejected.Field);
        await _host.AssertUnchangedAsync(before);
    }

    [Fact]
    public async Task Opening_balance_for_an_unknown_wallet_is_not_found_and_posts_nothing()
    {
        var before = await _host.SnapshotAsync();

        var rejected = await _host.PostAsync("/v1/migrations/opening-balances", new
        {
            amount = "10.00", currency = "USD", assetKind = "bank", bankId = "citi", claimKind = "wallet", walletId = WalletId.New(TimeProvider.System).ToString(),
        });

        rejected.AssertRejected(HttpStatusCode.NotFound, "NOT_FOUND");
        Assert.Equal("walletId", rejected.Field);
        await _host.AssertUnchangedAsync(before);
    }

    [Fact]
    public async Task Opening_balance_in_another_currency_than_the_wallet_is_a_currency_mismatch_and_posts_nothing()
    {
        var wallet = await _host.CreateWalletAsync("USD");
        var before = await _host.SnapshotAsync();

        var rejected = await _host.PostAsync("/v1/migrations/opening-balances", new
        {
            amount = "10.00", currency = "EUR", assetKind = "bank", bankId = "citi", claimKind = "wallet_reserve", walletId = wallet,
        });

        rejected.AssertRejected(HttpStatusCode.UnprocessableEntity, "CURRENCY_MISMATCH");
        Assert.Equal("walletId", rejected.Field);
        await _host.AssertUnchangedAsync(before);
        Assert.Equal("0.00", (await _host.BalancesAsync(wallet)).GetProperty("reserved").GetString());
    }

    [Fact]
    public async Task Opening_balance_for_a_closed_wallet_is_refused_and_posts_nothing()
    {
        var wallet = await _host.CreateWalletAsync();
        await _host.CloseUnreadWalletAsync(wallet);
        var before = await _host.SnapshotAsync();

        var rejected = await _host.PostAsync("/v1/migrations/opening-balances", new
        {
            amount = "10.00", currency = "USD", assetKind = "bank", bankId = "citi", claimKind = "wallet", walletId = wallet,
        });

        rejected.AssertRejected(HttpStatusCode.UnprocessableEntity, "WALLET_NOT_ACTIVE");
        Assert.Equal("walletId", rejected.Field);
        await _host.AssertUnchangedAsync(before);
    }
}
