using System.Globalization;
using System.Net;
using WalletFlow.Tests.Infrastructure;

namespace WalletFlow.Tests.WalletCore;

public sealed class CorrectionCommandsTests(SharedWalletCoreHost shared) : IClassFixture<SharedWalletCoreHost>, IAsyncLifetime
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
    public async Task A_credit_without_a_bank_is_booked_against_the_corrections_account()
    {
        var wallet = await _host.CreateWalletAsync();
        var corrections = await _host.LedgerBalanceAsync("corrections");

        var credited = await _host.PostAsync("/v1/corrections", new { walletId = wallet, direction = "credit", amount = "12.50", currency = "USD", reason = "fee charged twice" });

        Assert.Equal(HttpStatusCode.Created, credited.Status);
        Assert.Equal("credit", credited.Data.GetProperty("direction").GetString());
        Assert.Equal("corrections", credited.Data.GetProperty("counterpart").GetString());
        Assert.Equal("fee charged twice", credited.Data.GetProperty("reason").GetString());
        Assert.Equal(("12.50", "0.00", "0.00"), await _host.WalletBalancesAsync(wallet));
        Assert.Equal(corrections + 1250, await _host.LedgerBalanceAsync("corrections"));
    }

    [Fact]
    public async Task A_credit_with_a_bank_records_the_unrecorded_cash_at_that_bank()
    {
        var wallet = await _host.CreateWalletAsync();
        var citi = await _host.LedgerBalanceAsync("banks:citi:USD");
        var corrections = await _host.LedgerBalanceAsync("corrections");

        var credited = await _host.PostAsync("/v1/corrections", new { walletId = wallet, direction = "credit", amount = "40.00", currency = "USD", bankId = "citi", reason = "wire missed by the feed" });

        Assert.Equal(HttpStatusCode.Created, credited.Status);
        Assert.Equal("banks:citi:USD", credited.Data.GetProperty("counterpart").GetString());
        Assert.Equal(("40.00", "0.00", "0.00"), await _host.WalletBalancesAsync(wallet));
        Assert.Equal(citi + 4000, await _host.LedgerBalanceAsync("banks:citi:USD"));
        Assert.Equal(corrections, await _host.LedgerBalanceAsync("corrections"));
    }

    [Fact]
    public async Task A_debit_with_a_bank_takes_the_money_from_the_wallet_and_the_cash_from_the_bank()
    {
        var citi = await _host.LedgerBalanceAsync("banks:citi:USD");
        var wallet = await _host.CreateWalletAsync();
        await _host.PayInAsync(wallet, "50.00", bank: "citi");

        var debited = await _host.PostAsync("/v1/corrections", new { walletId = wallet, direction = "debit", amount = "20.00", currency = "USD", bankId = "citi", reason = "chargeback" });

        Assert.Equal(HttpStatusCode.Created, debited.Status);
        Assert.Equal("debit", debited.Data.GetProperty("direction").GetString());
        Assert.Equal(("30.00", "0.00", "0.00"), await _host.WalletBalancesAsync(wallet));
        Assert.Equal(citi + 3000, await _host.LedgerBalanceAsync("banks:citi:USD"));
    }

    [Fact]
    public async Task A_debit_without_a_bank_undoes_an_earlier_credit_against_corrections()
    {
        var corrections = await _host.LedgerBalanceAsync("corrections");
        var wallet = await _host.CreateWalletAsync();
        Assert.Equal(HttpStatusCode.Created, (await _host.PostAsync("/v1/corrections", new { walletId = wallet, direction = "credit", amount = "12.50", currency = "USD", reason = "goodwill" })).Status);

        var debited = await _host.PostAsync("/v1/corrections", new { walletId = wallet, direction = "debit", amount = "12.50", currency = "USD", reason = "goodwill credited to the wrong wallet" });

        Assert.Equal(HttpStatusCode.Created, debited.Status);
        Assert.Equal(("0.00", "0.00", "0.00"), await _host.WalletBalancesAsync(wallet));
        Assert.Equal(corrections, await _host.LedgerBalanceAsync("corrections"));
    }

    [Fact]
    public async Task A_debit_that_would_overdraw_the_wallet_is_refused_and_moves_nothing()
    {
        var citi = await _host.LedgerBalanceAsync("banks:citi:USD");
        var wallet = await _host.CreateWalletAsync();
        await _host.PayInAsync(wallet, "10.00", bank: "citi");
        await _host.PayInAsync(await _host.CreateWalletAsync(), "100.00", bank: "citi");

        var refused = await _host.PostAsync("/v1/corrections", new { walletId = wallet, direction = "debit", amount = "10.01", currency = "USD", bankId = "citi", reason = "chargeback" });

        refused.AssertRejected(HttpStatusCode.UnprocessableEntity, "INSUFFICIENT_FUNDS");
        Assert.Equal(("10.00", "0.00", "0.00"), await _host.WalletBalancesAsync(wallet));
        Assert.Equal(citi + 11000, await _host.LedgerBalanceAsync("banks:citi:USD"));
    }

    [Fact]
    public async Task A_debit_that_would_overdraw_the_bank_is_refused_and_moves_nothing()
    {
        var wallet = await _host.CreateWalletAsync();
        await _host.PayInAsync(wallet, "50.00", bank: "citi");
        var emptyBank = _host.NewSlug("hsbc");
        var posted = await _host.LedgerTransactionCountAsync("postCorrection");

        var refused = await _host.PostAsync("/v1/corrections", new { walletId = wallet, direction = "debit", amount = "20.00", currency = "USD", bankId = emptyBank, reason = "chargeback" });

        refused.AssertRejected(HttpStatusCode.UnprocessableEntity, "INSUFFICIENT_FUNDS");
        Assert.Equal(("50.00", "0.00", "0.00"), await _host.WalletBalancesAsync(wallet));
        Assert.Equal(0, await _host.LedgerBalanceAsync($"banks:{emptyBank}:USD"));
        Assert.Equal(posted, await _host.LedgerTransactionCountAsync("postCorrection"));
    }

    [Fact]
    public async Task A_backdated_correction_carries_its_effective_date_into_the_ledger()
    {
        var wallet = await _host.CreateWalletAsync();
        var effectiveAt = new DateTimeOffset(DateTime.UtcNow.Date.AddDays(-40).AddHours(9.5), TimeSpan.Zero);

        var credited = await _host.PostAsync("/v1/corrections", new
        {
            walletId = wallet, direction = "credit", amount = "7.00", currency = "USD", reason = "pay-in of last month never booked",
            effectiveAt = effectiveAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        });

        Assert.Equal(HttpStatusCode.Created, credited.Status);
        Assert.Equal(effectiveAt, credited.Data.GetProperty("effectiveAt").GetDateTimeOffset());
        await _host.CatchUpAsync();
        var statement = await _host.GetAsync($"/v1/wallets/{wallet}/statement");
        var line = Assert.Single(statement.Body.GetProperty("items").EnumerateArray());
        Assert.Equal(credited.CommandId(), line.GetProperty("commandId").GetString());
        Assert.Equal(effectiveAt, line.GetProperty("effectiveAt").GetDateTimeOffset());
        Assert.Equal("7.00", line.GetProperty("availableChange").GetString());
    }

    [Fact]
    public async Task A_correction_without_an_effective_date_takes_effect_now()
    {
        var wallet = await _host.CreateWalletAsync();
        var before = DateTimeOffset.UtcNow.AddSeconds(-5);

        var credited = await _host.PostAsync("/v1/corrections", new { walletId = wallet, direction = "credit", amount = "7.00", currency = "USD", reason = "goodwill" });

        Assert.Equal(HttpStatusCode.Created, credited.Status);
        await _host.CatchUpAsync();
        var line = Assert.Single((await _host.GetAsync($"/v1/wallets/{wallet}/statement")).Body.GetProperty("items").EnumerateArray());
        Assert.True(line.GetProperty("effectiveAt").GetDateTimeOffset() >= before);
    }

    public static TheoryData<string, string, string, string, string?, string?, string?, string, string> InvalidCorrections => new()
    {
        // walletId ("" = the test's wallet), direction, amount, currency, bankId, reason, effectiveAt, expected code, expected field
        { "wal_nope", "credit", "1.00", "USD", null, "r", null, "INVALID_ID", "walletId" },
        { "", "sideways", "1.00", "USD", null, "r", null, "VALIDATION", "direction" },
        { "", "credit", "0", "USD", null, "r", null, "INVALID_AMOUNT", "amount" },
        { "", "credit", "1.00", "XXX", null, "r", null, "CURRENCY_UNKNOWN", "currency" },
        { "", "credit", "1.00", "USD", "Citi Bank", "r", null, "INVALID_ID", "bankId" },
        { "", "credit", "1.00", "USD", null, null, null, "VALIDATION", "reason" },
        { "", "debit", "1.00", "USD", null, " ", null, "VALIDATION", "reason" },
        { "", "credit", "1.00", "USD", null, "r", "last tuesday", "VALIDATION", "effectiveAt" },
        { "", "credit", "1.00", "USD", null, "r", "2999-01-01T00:00:00Z", "VALIDATION", "effectiveAt" },
    };

    [Theory]
    [MemberData(nameof(InvalidCorrections))]
    public async Task An_invalid_correction_is_refused_and_moves_nothing(
        string walletId, string direction, string amount, string currency, string? bankId, string? reason, string? effectiveAt, string code, string field)
    {
        var wallet = await _host.CreateWalletAsync();
        await _host.PayInAsync(wallet, "10.00");
        var posted = await _host.LedgerTransactionCountAsync("postCorrection");

        var refused = await _host.PostAsync("/v1/corrections", new { walletId = walletId.Length == 0 ? wallet : walletId, direction, amount, currency, bankId, reason, effectiveAt });

        refused.AssertRejected(HttpStatusCode.BadRequest, code);
        Assert.Equal(field, refused.Field);
        Assert.Equal(("10.00", "0.00", "0.00"), await _host.WalletBalancesAsync(wallet));
        Assert.Equal(posted, await _host.LedgerTransactionCountAsync("postCorrection"));
    }

    [Fact]
    public async Task A_correction_of_an_unknown_wallet_is_refused_as_not_found()
    {
        var posted = await _host.LedgerTransactionCountAsync("postCorrection");

        var refused = await _host.PostAsync("/v1/corrections", new { walletId = "wal_019a0000000070008000000000000001", direction = "credit", amount = "1.00", currency = "USD", reason = "r" });

        refused.AssertRejected(HttpStatusCode.NotFound, "NOT_FOUND");
        Assert.Equal("walletId", refused.Field);
        Assert.Equal(posted, await _host.LedgerTransactionCountAsync("postCorrection"));
    }

    [Fact]
    public async Task A_correction_of_a_closed_wallet_is_refused()
    {
        var wallet = await _host.CreateWalletAsync();
        await _host.CloseUnreadWalletAsync(wallet);
        var posted = await _host.LedgerTransactionCountAsync("postCorrection");

        var refused = await _host.PostAsync("/v1/corrections", new { walletId = wallet, direction = "credit", amount = "1.00", currency = "USD", reason = "r" });

        refused.AssertRejected(HttpStatusCode.UnprocessableEntity, "WALLET_NOT_ACTIVE");
        Assert.Equal(posted, await _host.LedgerTransactionCountAsync("postCorrection"));
    }

    [Fact]
    public async Task A_correction_in_a_disabled_currency_is_refused_and_moves_nothing()
    {
        // Every later test on the shared host would find USD switched off.
        await UseOwnHostAsync();
        var wallet = await _host.CreateWalletAsync();
        await _host.DisableAsync("currency", "USD");

        var refused = await _host.PostAsync("/v1/corrections", new { walletId = wallet, direction = "credit", amount = "1.00", currency = "USD", reason = "r" });

        refused.AssertRejected(HttpStatusCode.Forbidden, "FLAG_DENIED");
        Assert.Equal("currency:USD", refused.Body.GetProperty("scope").GetString());
        Assert.Equal(("0.00", "0.00", "0.00"), await _host.WalletBalancesAsync(wallet));
    }

    [Fact]
    public async Task A_correction_in_another_currency_than_the_wallets_is_refused()
    {
        var wallet = await _host.CreateWalletAsync();
        var corrections = await _host.LedgerBalanceAsync("corrections", "EUR/2");

        var refused = await _host.PostAsync("/v1/corrections", new { walletId = wallet, direction = "credit", amount = "1.00", currency = "EUR", reason = "r" });

        refused.AssertRejected(HttpStatusCode.UnprocessableEntity, "CURRENCY_MISMATCH");
        Assert.Equal(("0.00", "0.00", "0.00"), await _host.WalletBalancesAsync(wallet));
        Assert.Equal(corrections, await _host.LedgerBalanceAsync("corrections", "EUR/2"));
    }

    /// <summary>Runs the rest of the test on an API of its own (<see cref="SharedWalletCoreHost.StartOwnAsync"/>), which <see cref="DisposeAsync"/> checks and disposes.</summary>
    private async Task UseOwnHostAsync() => _host = await shared.StartOwnAsync(nameof(CorrectionCommandsTests));
}
