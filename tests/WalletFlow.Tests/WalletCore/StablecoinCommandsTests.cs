using System.Net;
using WalletFlow.Tests.Infrastructure;

namespace WalletFlow.Tests.WalletCore;

public sealed class StablecoinCommandsTests(SharedWalletCoreHost shared) : IClassFixture<SharedWalletCoreHost>, IAsyncLifetime
{
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
    public async Task Onramp_takes_the_fiat_into_the_bank_and_position_and_delivers_the_coins_from_custody_and_position()
    {
        var (bank, fiatPosition, coinPosition, custody) = await DeskBalancesAsync();
        await FundAsync(new { amount = "1000", currency = "USDC", network = "ethereum", purpose = "fx_position" });

        var onramp = await OnrampAsync("99.5");

        Assert.Equal(HttpStatusCode.Created, onramp.Status);
        onramp.AssertBalances(
            bank.Plus("100.00"),
            fiatPosition.Plus("100.00"),
            coinPosition.Plus("900.500000"),
            custody.Plus("900.500000"));
        Assert.Equal("stablecoins:ethereum:USDC", onramp.Data.GetProperty("custody").GetString());
        Assert.Equal("99.500000", onramp.Data.GetProperty("coinAmount").GetString());
    }

    [Fact]
    public async Task Onramp_with_empty_custody_is_insufficient_funds_naming_custody_and_moves_nothing()
    {
        var emptyNetwork = _host.NewSlug("ethereum");
        await FundAsync(new { amount = "1000", currency = "USDC", counterpartyId = "otc-desk", purpose = "fx_position" });
        var before = await _host.SnapshotAsync();

        var rejected = await OnrampAsync("99.5", emptyNetwork);

        rejected.AssertRejected(HttpStatusCode.UnprocessableEntity, "INSUFFICIENT_FUNDS");
        Assert.Contains($"Custody of USDC on {emptyNetwork} cannot cover", rejected.Detail(), StringComparison.Ordinal);
        Assert.DoesNotMatch(WalletCoreProbes.LedgerAddress, rejected.Detail());
        await _host.AssertUnchangedAsync(before);
    }

    [Fact]
    public async Task Onramp_beyond_the_coin_position_is_insufficient_funds_naming_the_position_and_moves_nothing()
    {
        // There is one position of the desk per coin, and earlier tests on the shared host funded it.
        await UseOwnHostAsync();
        await FundAsync(new { amount = "1000", currency = "USDC", network = "ethereum", purpose = "treasury" });
        var before = await _host.SnapshotAsync();

        var rejected = await OnrampAsync("99.5");

        rejected.AssertRejected(HttpStatusCode.UnprocessableEntity, "INSUFFICIENT_FUNDS");
        Assert.Contains("The FX desk's USDC position cannot cover", rejected.Detail(), StringComparison.Ordinal);
        Assert.DoesNotMatch(WalletCoreProbes.LedgerAddress, rejected.Detail());
        await _host.AssertUnchangedAsync(before);
        Assert.Equal("1000.000000", await _host.LedgerAmountAsync("stablecoins:ethereum:USDC", "USDC"));
    }

    [Theory]
    [InlineData("citi", "100.00", "USD", "99", "EUR", "ethereum", "VALIDATION", "coin")]
    [InlineData("citi", "100.00", "USDT", "99", "USDC", "ethereum", "VALIDATION", "fiatCurrency")]
    [InlineData("citi", "100.00", "USD", "99", "USDX", "ethereum", "CURRENCY_UNKNOWN", "coin")]
    [InlineData("citi", "100.00", "USD", "0", "USDC", "ethereum", "INVALID_AMOUNT", "coinAmount")]
    [InlineData("citi", "100.001", "USD", "99", "USDC", "ethereum", "INVALID_AMOUNT", "fiatAmount")]
    [InlineData("citi", "100.00", "USD", "99", "USDC", "Ethereum", "INVALID_ID", "network")]
    [InlineData("citi", "100.00", "USD", "99", "USDC", null, "INVALID_ID", "network")]
    [InlineData("", "100.00", "USD", "99", "USDC", "ethereum", "INVALID_ID", "bankId")]
    public async Task Onramp_with_an_invalid_request_is_refused_and_moves_nothing(
        string bankId, string fiatAmount, string fiatCurrency, string coinAmount, string coin, string? network, string code, string field)
    {
        await FundAsync(new { amount = "1000", currency = "USDC", network = "ethereum", purpose = "fx_position" });
        var before = await _host.SnapshotAsync();

        var rejected = await _host.PostAsync("/v1/stablecoin/onramps", new { bankId, fiatAmount, fiatCurrency, coinAmount, coin, network });

        rejected.AssertRejected(HttpStatusCode.BadRequest, code);
        Assert.Equal(field, rejected.Field);
        await _host.AssertUnchangedAsync(before);
    }

    [Fact]
    public async Task Offramp_takes_the_coins_into_custody_and_position_and_pays_the_fiat_from_the_bank_and_position()
    {
        var (bank, fiatPosition, coinPosition, custody) = await DeskBalancesAsync();
        await FundAsync(new { amount = "1000.00", currency = "USD", bankId = "citi", purpose = "fx_position" });

        var offramp = await OfframpAsync(reference: "ramp-1");

        Assert.Equal(HttpStatusCode.Created, offramp.Status);
        offramp.AssertBalances(
            bank.Plus("801.00"),
            fiatPosition.Plus("801.00"),
            coinPosition.Plus("200.000000"),
            custody.Plus("200.000000"));
        Assert.Equal("ramp-1", offramp.Data.GetProperty("reference").GetString());
    }

    [Fact]
    public async Task Offramp_from_an_unfunded_bank_is_insufficient_funds_naming_the_bank_and_moves_nothing()
    {
        var unfunded = _host.NewSlug("citi");
        var before = await _host.SnapshotAsync();

        var rejected = await OfframpAsync(unfunded);

        rejected.AssertRejected(HttpStatusCode.UnprocessableEntity, "INSUFFICIENT_FUNDS");
        Assert.Contains($"Bank account {unfunded} has too little USD", rejected.Detail(), StringComparison.Ordinal);
        Assert.DoesNotMatch(WalletCoreProbes.LedgerAddress, rejected.Detail());
        await _host.AssertUnchangedAsync(before);
    }

    [Fact]
    public async Task Offramp_beyond_the_fiat_position_is_insufficient_funds_naming_the_position_and_moves_nothing()
    {
        // There is one position of the desk per currency, and earlier tests on the shared host funded it.
        await UseOwnHostAsync();
        await FundAsync(new { amount = "1000.00", currency = "USD", bankId = "citi", purpose = "treasury" });
        var before = await _host.SnapshotAsync();

        var rejected = await OfframpAsync();

        rejected.AssertRejected(HttpStatusCode.UnprocessableEntity, "INSUFFICIENT_FUNDS");
        Assert.Contains("The FX desk's USD position cannot cover", rejected.Detail(), StringComparison.Ordinal);
        Assert.DoesNotMatch(WalletCoreProbes.LedgerAddress, rejected.Detail());
        await _host.AssertUnchangedAsync(before);
        Assert.Equal("1000.00", await _host.LedgerAmountAsync("banks:citi:USD", "USD"));
    }

    [Theory]
    [InlineData("ethereum", "200", "JPY", "citi", "199.00", "USD", "VALIDATION", "coin")]
    [InlineData("ethereum", "200", "USDC", "citi", "199.00", "USDT", "VALIDATION", "fiatCurrency")]
    [InlineData("ethereum", "200.0000001", "USDC", "citi", "199.00", "USD", "INVALID_AMOUNT", "coinAmount")]
    [InlineData("ethereum", "200", "USDC", "citi", "0", "USD", "INVALID_AMOUNT", "fiatAmount")]
    [InlineData("ethereum", "200", "USDC", "citi", "199.00", "usd", "CURRENCY_UNKNOWN", "fiatCurrency")]
    [InlineData("eth--main", "200", "USDC", "citi", "199.00", "USD", "INVALID_ID", "network")]
    [InlineData("ethereum", "200", "USDC", "citi bank", "199.00", "USD", "INVALID_ID", "bankId")]
    public async Task Offramp_with_an_invalid_request_is_refused_and_moves_nothing(
        string network, string coinAmount, string coin, string bankId, string fiatAmount, string fiatCurrency, string code, string field)
    {
        await FundAsync(new { amount = "1000.00", currency = "USD", bankId = "citi", purpose = "fx_position" });
        var before = await _host.SnapshotAsync();

        var rejected = await _host.PostAsync("/v1/stablecoin/offramps", new { network, coinAmount, coin, bankId, fiatAmount, fiatCurrency });

        rejected.AssertRejected(HttpStatusCode.BadRequest, code);
        Assert.Equal(field, rejected.Field);
        await _host.AssertUnchangedAsync(before);
    }

    [Fact]
    public async Task Offramp_refused_for_an_unfunded_bank_succeeds_with_the_same_key_once_the_treasury_wire_is_recorded()
    {
        var (_, fiatPosition, coinPosition, custody) = await DeskBalancesAsync();
        var unfunded = _host.NewSlug("citi");
        var key = _host.NewKey();
        var before = await _host.SnapshotAsync();

        var refused = await OfframpAsync(unfunded, key);

        refused.AssertRejected(HttpStatusCode.UnprocessableEntity, "INSUFFICIENT_FUNDS");
        Assert.Contains($"Bank account {unfunded} has too little USD", refused.Detail(), StringComparison.Ordinal);
        Assert.DoesNotMatch(WalletCoreProbes.LedgerAddress, refused.Detail());
        await _host.AssertUnchangedAsync(before);

        await FundAsync(new { amount = "500.00", currency = "USD", bankId = unfunded, purpose = "fx_position" });
        var retried = await OfframpAsync(unfunded, key);

        Assert.Equal(HttpStatusCode.Created, retried.Status);
        Assert.False(retried.Replayed);
        retried.AssertBalances(
            ($"banks:{unfunded}:USD", "301.00", "USD"),
            fiatPosition.Plus("301.00"),
            coinPosition.Plus("200.000000"),
            custody.Plus("200.000000"));

        var replay = await OfframpAsync(unfunded, key);
        Assert.True(replay.Replayed);
        Assert.Equal(retried.Body.GetProperty("commandId").GetString(), replay.Body.GetProperty("commandId").GetString());
        Assert.Equal("301.00", await _host.LedgerAmountAsync($"banks:{unfunded}:USD", "USD"));
    }

    [Fact]
    public async Task Offramp_refused_for_an_unfunded_bank_succeeds_with_a_new_key_once_the_treasury_wire_is_recorded()
    {
        var (_, fiatPosition, coinPosition, custody) = await DeskBalancesAsync();
        var unfunded = _host.NewSlug("citi");
        var refused = await OfframpAsync(unfunded);
        refused.AssertRejected(HttpStatusCode.UnprocessableEntity, "INSUFFICIENT_FUNDS");

        await FundAsync(new { amount = "199.00", currency = "USD", bankId = unfunded, purpose = "fx_position" });
        var retried = await OfframpAsync(unfunded);

        Assert.Equal(HttpStatusCode.Created, retried.Status);
        retried.AssertBalances(
            ($"banks:{unfunded}:USD", "0.00", "USD"),
            fiatPosition.Plus("0.00"),
            coinPosition.Plus("200.000000"),
            custody.Plus("200.000000"));
    }

    /// <summary>Runs the rest of the test on an API of its own (<see cref="SharedWalletCoreHost.StartOwnAsync"/>), which <see cref="DisposeAsync"/> checks and disposes.</summary>
    private async Task UseOwnHostAsync() => _host = await shared.StartOwnAsync(nameof(StablecoinCommandsTests));

    /// <summary>The accounts a ramp through citi and ethereum moves, as earlier tests on the shared host left them.</summary>
    private async Task<(AccountBalance Bank, AccountBalance FiatPosition, AccountBalance CoinPosition, AccountBalance Custody)> DeskBalancesAsync() => (
        await _host.AccountBalanceAsync("banks:citi:USD", "USD"),
        await _host.AccountBalanceAsync("fx:USD", "USD"),
        await _host.AccountBalanceAsync("fx:USDC", "USDC"),
        await _host.AccountBalanceAsync("stablecoins:ethereum:USDC", "USDC"));

    private async Task FundAsync(object funding)
    {
        var funded = await _host.PostAsync("/v1/treasury/bank-fundings", funding);
        Assert.Equal(HttpStatusCode.Created, funded.Status);
    }

    private Task<CommandResponse> OnrampAsync(string coinAmount, string network = "ethereum") =>
        _host.PostAsync("/v1/stablecoin/onramps", new { bankId = "citi", fiatAmount = "100.00", fiatCurrency = "USD", coinAmount, coin = "USDC", network });

    private Task<CommandResponse> OfframpAsync(string bankId = "citi", string? key = null, string? reference = null) =>
        _host.PostAsync(
            "/v1/stablecoin/offramps",
            new { network = "ethereum", coinAmount = "200", coin = "USDC", bankId, fiatAmount = "199.00", fiatCurrency = "USD", reference },
            key);
}
