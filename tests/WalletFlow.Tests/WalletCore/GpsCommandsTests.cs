using System.Net;
using WalletFlow.Domain.Ids;
using WalletFlow.Tests.Infrastructure;

namespace WalletFlow.Tests.WalletCore;

public sealed class GpsCommandsTests(SharedWalletCoreHost shared) : IClassFixture<SharedWalletCoreHost>, IAsyncLifetime
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
    public async Task Top_up_moves_cash_from_the_bank_to_the_gps_pool()
    {
        var barclays = await _host.AccountBalanceAsync("banks:barclays:EUR", "EUR");
        var pool = await _host.AccountBalanceAsync("pools:gps:EUR", "EUR");
        await FundAsync("barclays", "1000.00", "EUR", "treasury");

        var topUp = await _host.PostAsync("/v1/gps/topups", new { bankId = "barclays", amount = "400.00", currency = "EUR" });

        Assert.Equal(HttpStatusCode.Created, topUp.Status);
        topUp.AssertBalances(barclays.Plus("600.00"), pool.Plus("400.00"));
        Assert.Equal("pools:gps:EUR", topUp.Data.GetProperty("pool").GetString());
        Assert.Equal(pool.Plus("400.00").Balance, await _host.LedgerAmountAsync("pools:gps:EUR", "EUR"));
    }

    [Fact]
    public async Task Top_up_from_an_unfunded_bank_is_insufficient_funds_and_moves_nothing()
    {
        var unfunded = _host.NewSlug("barclays");
        var before = await _host.SnapshotAsync();

        var rejected = await _host.PostAsync("/v1/gps/topups", new { bankId = unfunded, amount = "1.00", currency = "EUR" });

        rejected.AssertRejected(HttpStatusCode.UnprocessableEntity, "INSUFFICIENT_FUNDS");
        Assert.Contains($"Bank account {unfunded} has too little EUR", rejected.Detail(), StringComparison.Ordinal);
        Assert.DoesNotMatch(WalletCoreProbes.LedgerAddress, rejected.Detail());
        await _host.AssertUnchangedAsync(before);
    }

    [Fact]
    public async Task Top_up_one_cent_beyond_the_bank_balance_is_insufficient_funds_and_moves_nothing()
    {
        var bank = _host.NewSlug("barclays");
        await FundAsync(bank, "100.00", "EUR", "treasury");
        var before = await _host.SnapshotAsync();

        var rejected = await _host.PostAsync("/v1/gps/topups", new { bankId = bank, amount = "100.01", currency = "EUR" });

        rejected.AssertRejected(HttpStatusCode.UnprocessableEntity, "INSUFFICIENT_FUNDS");
        await _host.AssertUnchangedAsync(before);
        Assert.Equal("100.00", await _host.LedgerAmountAsync($"banks:{bank}:EUR", "EUR"));
    }

    [Theory]
    [InlineData("Barclays", "10.00", "EUR", "INVALID_ID", "bankId")]
    [InlineData(null, "10.00", "EUR", "INVALID_ID", "bankId")]
    [InlineData("barclays", "0.00", "EUR", "INVALID_AMOUNT", "amount")]
    [InlineData("barclays", "ten", "EUR", "INVALID_AMOUNT", "amount")]
    [InlineData("barclays", "10.00", "EURO", "CURRENCY_UNKNOWN", "currency")]
    public async Task Top_up_with_an_invalid_request_is_refused_and_moves_nothing(string? bankId, string amount, string currency, string code, string field)
    {
        await FundAsync("barclays", "100.00", "EUR", "treasury");
        var before = await _host.SnapshotAsync();

        var rejected = await _host.PostAsync("/v1/gps/topups", new { bankId, amount, currency });

        rejected.AssertRejected(HttpStatusCode.BadRequest, code);
        Assert.Equal(field, rejected.Field);
        await _host.AssertUnchangedAsync(before);
    }

    [Fact]
    public async Task Cross_currency_payout_debits_the_wallet_into_the_position_and_pays_from_the_pool_and_the_position()
    {
        var usdPosition = await _host.AccountBalanceAsync("fx:USD", "USD");
        var pool = await _host.AccountBalanceAsync("pools:gps:EUR", "EUR");
        var eurPosition = await _host.AccountBalanceAsync("fx:EUR", "EUR");
        var wallet = await FundedWalletAsync("100.00");
        await PoolAsync("500.00");
        await FundAsync("barclays", "1000.00", "EUR", "fx_position");

        var paid = await _host.PostAsync("/v1/gps/payouts", new
        {
            walletId = wallet, debitAmount = "50.00", debitCurrency = "USD", payoutAmount = "45.00", payoutCurrency = "EUR", beneficiary = "Jean Dupont", reference = "inv-7",
        });

        Assert.Equal(HttpStatusCode.Created, paid.Status);
        paid.AssertBalances(
            ($"wallets:{wallet}:available", "50.00", "USD"),
            usdPosition.Plus("50.00"),
            pool.Plus("455.00"),
            eurPosition.Plus("955.00"));
        Assert.Equal("Jean Dupont", paid.Data.GetProperty("beneficiary").GetString());
        Assert.Equal("50.00", await _host.AvailableAsync(wallet));
    }

    [Fact]
    public async Task Cross_currency_payout_from_an_unfunded_pool_is_insufficient_funds_naming_the_pool_and_moves_nothing()
    {
        // There is one GPS pool per currency, and earlier tests on the shared host topped it up.
        await UseOwnHostAsync();
        var wallet = await FundedWalletAsync("100.00");
        await FundAsync("barclays", "1000.00", "EUR", "fx_position");
        var before = await _host.SnapshotAsync();

        var rejected = await PayoutAsync(wallet, "50.00");

        rejected.AssertRejected(HttpStatusCode.UnprocessableEntity, "INSUFFICIENT_FUNDS");
        Assert.Contains("The GPS pool in EUR cannot cover", rejected.Detail(), StringComparison.Ordinal);
        Assert.DoesNotMatch(WalletCoreProbes.LedgerAddress, rejected.Detail());
        await _host.AssertUnchangedAsync(before);
        Assert.Equal("100.00", await _host.AvailableAsync(wallet));
    }

    [Fact]
    public async Task Cross_currency_payout_beyond_the_wallet_balance_is_insufficient_funds_and_moves_nothing()
    {
        var wallet = await FundedWalletAsync("49.99");
        await PoolAsync("500.00");
        await FundAsync("barclays", "1000.00", "EUR", "fx_position");
        var before = await _host.SnapshotAsync();

        var rejected = await PayoutAsync(wallet, "50.00");

        rejected.AssertRejected(HttpStatusCode.UnprocessableEntity, "INSUFFICIENT_FUNDS");
        Assert.Contains($"Wallet {wallet} has 49.99 USD available and this GPS cross-currency payout needs 50.00 USD", rejected.Detail(), StringComparison.Ordinal);
        Assert.DoesNotMatch(WalletCoreProbes.LedgerAddress, rejected.Detail());
        await _host.AssertUnchangedAsync(before);
    }

    [Fact]
    public async Task Cross_currency_payout_beyond_the_fx_position_is_insufficient_funds_and_moves_nothing()
    {
        // There is one position of the desk per currency, and earlier tests on the shared host funded it.
        await UseOwnHostAsync();
        var wallet = await FundedWalletAsync("100.00");
        await PoolAsync("500.00");
        var before = await _host.SnapshotAsync();

        var rejected = await PayoutAsync(wallet, "50.00");

        rejected.AssertRejected(HttpStatusCode.UnprocessableEntity, "INSUFFICIENT_FUNDS");
        Assert.Contains("The FX desk's EUR position cannot cover", rejected.Detail(), StringComparison.Ordinal);
        Assert.DoesNotMatch(WalletCoreProbes.LedgerAddress, rejected.Detail());
        await _host.AssertUnchangedAsync(before);
        Assert.Equal("500.00", await _host.LedgerAmountAsync("pools:gps:EUR", "EUR"));
    }

    [Fact]
    public async Task Cross_currency_payout_in_the_wallet_currency_is_refused_and_moves_nothing()
    {
        var wallet = await FundedWalletAsync("100.00");
        var before = await _host.SnapshotAsync();

        var rejected = await _host.PostAsync("/v1/gps/payouts", new { walletId = wallet, debitAmount = "10.00", debitCurrency = "USD", payoutAmount = "10.00", payoutCurrency = "USD" });

        rejected.AssertRejected(HttpStatusCode.BadRequest, "VALIDATION");
        Assert.Equal("payoutCurrency", rejected.Field);
        await _host.AssertUnchangedAsync(before);
    }

    [Fact]
    public async Task Cross_currency_payout_debiting_a_currency_the_wallet_does_not_hold_is_a_currency_mismatch_and_moves_nothing()
    {
        var wallet = await FundedWalletAsync("100.00");
        var before = await _host.SnapshotAsync();

        var rejected = await _host.PostAsync("/v1/gps/payouts", new { walletId = wallet, debitAmount = "10.00", debitCurrency = "GBP", payoutAmount = "10.00", payoutCurrency = "EUR" });

        rejected.AssertRejected(HttpStatusCode.UnprocessableEntity, "CURRENCY_MISMATCH");
        Assert.Equal("walletId", rejected.Field);
        await _host.AssertUnchangedAsync(before);
    }

    [Fact]
    public async Task Cross_currency_payout_from_an_unknown_wallet_is_not_found_and_moves_nothing()
    {
        var before = await _host.SnapshotAsync();

        var rejected = await PayoutAsync(WalletId.New(TimeProvider.System).ToString(), "10.00");

        rejected.AssertRejected(HttpStatusCode.NotFound, "NOT_FOUND");
        Assert.Equal("walletId", rejected.Field);
        await _host.AssertUnchangedAsync(before);
    }

    [Fact]
    public async Task Cross_currency_payout_from_a_closed_wallet_is_refused_and_moves_nothing()
    {
        var wallet = await _host.CreateWalletAsync();
        await _host.CloseUnreadWalletAsync(wallet);
        var before = await _host.SnapshotAsync();

        var rejected = await PayoutAsync(wallet, "10.00");

        rejected.AssertRejected(HttpStatusCode.UnprocessableEntity, "WALLET_NOT_ACTIVE");
        Assert.Equal("walletId", rejected.Field);
        await _host.AssertUnchangedAsync(before);
    }

    [Theory]
    [InlineData("bad-id", "10.00", "USD", "9.00", "EUR", "INVALID_ID", "walletId")]
    [InlineData(null, "0.00", "USD", "9.00", "EUR", "INVALID_AMOUNT", "debitAmount")]
    [InlineData(null, "10.00", "USD", "-9.00", "EUR", "INVALID_AMOUNT", "payoutAmount")]
    [InlineData(null, "10.00", "USD", "9.00", "EUX", "CURRENCY_UNKNOWN", "payoutCurrency")]
    [InlineData(null, "10.00", "US", "9.00", "EUR", "CURRENCY_UNKNOWN", "debitCurrency")]
    public async Task Cross_currency_payout_with_an_invalid_request_is_refused_and_moves_nothing(
        string? walletId, string debitAmount, string debitCurrency, string payoutAmount, string payoutCurrency, string code, string field)
    {
        var wallet = await FundedWalletAsync("100.00");
        var before = await _host.SnapshotAsync();

        var rejected = await _host.PostAsync("/v1/gps/payouts", new { walletId = walletId ?? wallet, debitAmount, debitCurrency, payoutAmount, payoutCurrency });

        rejected.AssertRejected(HttpStatusCode.BadRequest, code);
        Assert.Equal(field, rejected.Field);
        await _host.AssertUnchangedAsync(before);
    }

    /// <summary>Runs the rest of the test on an API of its own (<see cref="SharedWalletCoreHost.StartOwnAsync"/>), which <see cref="DisposeAsync"/> checks and disposes.</summary>
    private async Task UseOwnHostAsync() => _host = await shared.StartOwnAsync(nameof(GpsCommandsTests));

    private async Task<string> FundedWalletAsync(string amount)
    {
        var wallet = await _host.CreateWalletAsync();
        await _host.PayInAsync(wallet, amount);
        return wallet;
    }

    private async Task FundAsync(string bankId, string amount, string currency, string purpose)
    {
        var funded = await _host.PostAsync("/v1/treasury/bank-fundings", new { amount, currency, bankId, purpose });
        Assert.Equal(HttpStatusCode.Created, funded.Status);
    }

    /// <summary>Funds the EUR GPS pool through a bank, as treasury does.</summary>
    private async Task PoolAsync(string amount)
    {
        await FundAsync("pool-funding", amount, "EUR", "treasury");
        var topUp = await _host.PostAsync("/v1/gps/topups", new { bankId = "pool-funding", amount, currency = "EUR" });
        Assert.Equal(HttpStatusCode.Created, topUp.Status);
    }

    private Task<CommandResponse> PayoutAsync(string wallet, string debitAmount) =>
        _host.PostAsync("/v1/gps/payouts", new { walletId = wallet, debitAmount, debitCurrency = "USD", payoutAmount = "45.00", payoutCurrency = "EUR" });
}
