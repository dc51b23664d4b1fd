using System.Net;
using System.Text.Json;
using WalletFlow.Tests.Infrastructure;

namespace WalletFlow.Tests.WalletCore;

public sealed class PayoutCommandsTests(SharedWalletCoreHost shared) : IClassFixture<SharedWalletCoreHost>, IAsyncLifetime
{
    private const string UnknownHold = "hold_019a0000000070008000000000000001";
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
    public async Task Reserve_sets_the_amount_aside_in_a_new_reserved_hold()
    {
        var wallet = await _host.CreateWalletAsync();
        await _host.PayInAsync(wallet, "100.00");

        var reserved = await _host.PostAsync("/v1/payouts", new { walletId = wallet, amount = "30.25", currency = "USD", provider = "stripe_payouts-eu", bankId = "citi", beneficiary = "Jane Doe", reference = "inv-7" });

        Assert.Equal(HttpStatusCode.Created, reserved.Status);
        var holdId = reserved.Data.GetProperty("holdId").GetString()!;
        Assert.StartsWith("hold_", holdId, StringComparison.Ordinal);
        Assert.Equal("reserved", reserved.Data.GetProperty("status").GetString());
        Assert.Equal("30.25", reserved.Data.GetProperty("amount").GetString());
        Assert.Equal("3025", reserved.Data.GetProperty("amountMinor").GetString());
        Assert.Equal("stripe_payouts-eu", reserved.Data.GetProperty("provider").GetString());
        Assert.Equal("citi", reserved.Data.GetProperty("bankId").GetString());
        Assert.Equal("Jane Doe", reserved.Data.GetProperty("beneficiary").GetString());
        var posting = Assert.Single(reserved.Body.GetProperty("postings").EnumerateArray());
        Assert.Equal($"wallets:{wallet}:available", posting.GetProperty("source").GetString());
        Assert.Equal($"wallets:{wallet}:holds:{holdId}", posting.GetProperty("destination").GetString());
        Assert.Equal(("69.75", "30.25", "0.00"), await _host.WalletBalancesAsync(wallet));
        var hold = Assert.Single(await _host.HoldsAsync(wallet, "reserved"));
        Assert.Equal(holdId, hold.GetProperty("holdId").GetString());
    }

    public static TheoryData<string, string, string, string, string, string, string> InvalidReservations => new()
    {
        // walletId ("" = the test's wallet), amount, currency, provider, bankId, expected code, expected field
        { "wal_nope", "10.00", "USD", "stripe", "citi", "INVALID_ID", "walletId" },
        { "", "0", "USD", "stripe", "citi", "INVALID_AMOUNT", "amount" },
        { "", "1.234", "USD", "stripe", "citi", "INVALID_AMOUNT", "amount" },
        { "", "10.00", "XXX", "stripe", "citi", "CURRENCY_UNKNOWN", "currency" },
        { "", "10.00", "USD", "stripe", "Citi Bank", "INVALID_ID", "bankId" },
        { "", "10.00", "USD", "", "citi", "VALIDATION", "provider" },
        { "", "10.00", "USD", "Stripe", "citi", "VALIDATION", "provider" },
        { "", "10.00", "USD", "stripe payouts", "citi", "VALIDATION", "provider" },
        { "", "10.00", "USD", new string('p', 65), "citi", "VALIDATION", "provider" },
    };

    [Theory]
    [MemberData(nameof(InvalidReservations))]
    public async Task Reserve_with_an_invalid_field_is_refused_and_reserves_nothing(string walletId, string amount, string currency, string provider, string bankId, string code, string field)
    {
        var wallet = await _host.CreateWalletAsync();
        await _host.PayInAsync(wallet, "100.00");

        var refused = await _host.PostAsync("/v1/payouts", new { walletId = walletId.Length == 0 ? wallet : walletId, amount, currency, provider, bankId });

        refused.AssertRejected(HttpStatusCode.BadRequest, code);
        Assert.Equal(field, refused.Field);
        Assert.Empty(await _host.HoldsAsync(wallet));
        Assert.Equal(("100.00", "0.00", "0.00"), await _host.WalletBalancesAsync(wallet));
    }

    [Fact]
    public async Task Reserve_from_an_unknown_wallet_is_refused_as_not_found()
    {
        var reservations = await _host.LedgerTransactionCountAsync("reservePayout");

        var refused = await _host.PostAsync("/v1/payouts", new { walletId = "wal_019a0000000070008000000000000001", amount = "1.00", currency = "USD", provider = "stripe", bankId = "citi" });

        refused.AssertRejected(HttpStatusCode.NotFound, "NOT_FOUND");
        Assert.Equal("walletId", refused.Field);
        Assert.Equal(reservations, await _host.LedgerTransactionCountAsync("reservePayout"));
    }

    [Fact]
    public async Task Reserve_in_another_currency_than_the_wallets_is_refused_and_reserves_nothing()
    {
        var wallet = await _host.CreateWalletAsync();
        await _host.PayInAsync(wallet, "100.00");

        var refused = await _host.PostAsync("/v1/payouts", new { walletId = wallet, amount = "10.00", currency = "EUR", provider = "stripe", bankId = "citi" });

        refused.AssertRejected(HttpStatusCode.UnprocessableEntity, "CURRENCY_MISMATCH");
        Assert.Empty(await _host.HoldsAsync(wallet));
        Assert.Equal(("100.00", "0.00", "0.00"), await _host.WalletBalancesAsync(wallet));
    }

    [Fact]
    public async Task Reserve_beyond_the_available_balance_is_refused_and_leaves_no_hold_row()
    {
        var wallet = await _host.CreateWalletAsync();
        await _host.PayInAsync(wallet, "10.00");
        var reservations = await _host.LedgerTransactionCountAsync("reservePayout");

        var refused = await _host.PostAsync("/v1/payouts", new { walletId = wallet, amount = "10.01", currency = "USD", provider = "stripe", bankId = "citi" });

        refused.AssertRejected(HttpStatusCode.UnprocessableEntity, "INSUFFICIENT_FUNDS");
        Assert.Empty(await _host.HoldsAsync(wallet));
        Assert.Equal(("10.00", "0.00", "0.00"), await _host.WalletBalancesAsync(wallet));
        Assert.Equal(reservations, await _host.LedgerTransactionCountAsync("reservePayout"));
    }

    [Fact]
    public async Task Reserve_from_a_closed_wallet_is_refused()
    {
        var wallet = await _host.CreateWalletAsync();
        await _host.CloseUnreadWalletAsync(wallet);

        var refused = await _host.PostAsync("/v1/payouts", new { walletId = wallet, amount = "1.00", currency = "USD", provider = "stripe", bankId = "citi" });

        refused.AssertRejected(HttpStatusCode.UnprocessableEntity, "WALLET_NOT_ACTIVE");
        Assert.Empty(await _host.HoldsAsync(wallet));
    }

    [Fact]
    public async Task Reserve_through_a_disabled_provider_is_refused_but_its_open_holds_still_settle()
    {
        // Every later test on the shared host would find stripe switched off.
        await UseOwnHostAsync();
        var wallet = await _host.CreateWalletAsync();
        await _host.PayInAsync(wallet, "100.00");
        var holdId = await ReserveAsync(wallet, "30.00", "citi");
        await _host.DisableAsync("provider", "stripe");

        var refused = await _host.PostAsync("/v1/payouts", new { walletId = wallet, amount = "10.00", currency = "USD", provider = "stripe", bankId = "citi" });
        var settled = await _host.PostAsync($"/v1/holds/{holdId}/settle", new { });

        refused.AssertRejected(HttpStatusCode.Forbidden, "FLAG_DENIED");
        Assert.Equal("provider:stripe", refused.Body.GetProperty("scope").GetString());
        Assert.Equal(HttpStatusCode.OK, settled.Status);
        Assert.Equal(holdId, Assert.Single(await _host.HoldsAsync(wallet)).GetProperty("holdId").GetString());
        Assert.Equal(("70.00", "0.00", "0.00"), await _host.WalletBalancesAsync(wallet));
    }

    [Fact]
    public async Task Settle_discharges_the_hold_and_takes_the_cash_out_of_the_holds_bank()
    {
        var citi = await _host.LedgerBalanceAsync("banks:citi:USD");
        var wallet = await _host.CreateWalletAsync();
        await _host.PayInAsync(wallet, "100.00", bank: "citi");
        var holdId = await ReserveAsync(wallet, "30.00", "citi");

        var settled = await _host.PostAsync($"/v1/holds/{holdId}/settle", new { });

        Assert.Equal(HttpStatusCode.OK, settled.Status);
        Assert.Equal("settled", settled.Data.GetProperty("status").GetString());
        Assert.Equal(holdId, settled.Data.GetProperty("holdId").GetString());
        Assert.Equal(("70.00", "0.00", "0.00"), await _host.WalletBalancesAsync(wallet));
        Assert.Equal(citi + 7000, await _host.LedgerBalanceAsync("banks:citi:USD"));
        Assert.Equal(holdId, Assert.Single(await _host.HoldsAsync(wallet, "settled")).GetProperty("holdId").GetString());
        Assert.Empty(await _host.HoldsAsync(wallet, "reserved"));
    }

    [Fact]
    public async Task Settle_from_a_bank_without_the_cash_is_refused_and_the_hold_stays_reserved()
    {
        var wallet = await _host.CreateWalletAsync();
        await _host.PayInAsync(wallet, "100.00", bank: "citi");
        var emptyBank = _host.NewSlug("hsbc");
        var holdId = await ReserveAsync(wallet, "30.00", emptyBank);
        var settlements = await _host.LedgerTransactionCountAsync("settleHold");

        var refused = await _host.PostAsync($"/v1/holds/{holdId}/settle", new { });

        refused.AssertRejected(HttpStatusCode.UnprocessableEntity, "INSUFFICIENT_FUNDS");
        Assert.Equal("reserved", await _host.HoldStatusAsync(holdId));
        Assert.Equal(("70.00", "30.00", "0.00"), await _host.WalletBalancesAsync(wallet));
        Assert.Equal(0, await _host.LedgerBalanceAsync($"banks:{emptyBank}:USD"));
        Assert.Equal(settlements, await _host.LedgerTransactionCountAsync("settleHold"));

        // Once a pay-in funds that bank, the same hold settles.
        await _host.PayInAsync(await _host.CreateWalletAsync(), "30.00", bank: emptyBank);
        var settled = await _host.PostAsync($"/v1/holds/{holdId}/settle", new { });
        Assert.Equal(HttpStatusCode.OK, settled.Status);
        Assert.Equal(0, await _host.LedgerBalanceAsync($"banks:{emptyBank}:USD"));
    }

    [Fact]
    public async Task Settle_replayed_with_the_same_key_answers_the_first_receipt_and_posts_once()
    {
        var citi = await _host.LedgerBalanceAsync("banks:citi:USD");
        var settlements = await _host.LedgerTransactionCountAsync("settleHold");
        var wallet = await _host.CreateWalletAsync();
        await _host.PayInAsync(wallet, "100.00");
        var holdId = await ReserveAsync(wallet, "30.00", "citi");
        var key = _host.NewKey();

        var first = await _host.PostAsync($"/v1/holds/{holdId}/settle", new { }, key);
        var again = await _host.PostAsync($"/v1/holds/{holdId}/settle", new { }, key);

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.False(first.Replayed);
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.True(again.Replayed);
        Assert.Equal(first.CommandId(), again.CommandId());
        Assert.Equal(settlements + 1, await _host.LedgerTransactionCountAsync("settleHold"));
        Assert.Equal(("70.00", "0.00", "0.00"), await _host.WalletBalancesAsync(wallet));
        Assert.Equal(citi + 7000, await _host.LedgerBalanceAsync("banks:citi:USD"));
    }

    [Fact]
    public async Task Settle_of_a_settled_hold_under_a_new_key_is_refused_and_moves_nothing()
    {
        var citi = await _host.LedgerBalanceAsync("banks:citi:USD");
        var settlements = await _host.LedgerTransactionCountAsync("settleHold");
        var wallet = await _host.CreateWalletAsync();
        await _host.PayInAsync(wallet, "100.00");
        var holdId = await ReserveAsync(wallet, "30.00", "citi");
        Assert.Equal(HttpStatusCode.OK, (await _host.PostAsync($"/v1/holds/{holdId}/settle", new { })).Status);

        var refused = await _host.PostAsync($"/v1/holds/{holdId}/settle", new { });

        refused.AssertRejected(HttpStatusCode.Conflict, "HOLD_NOT_OPEN");
        Assert.Equal("holdId", refused.Field);
        Assert.Equal(settlements + 1, await _host.LedgerTransactionCountAsync("settleHold"));
        Assert.Equal(citi + 7000, await _host.LedgerBalanceAsync("banks:citi:USD"));
        Assert.Equal(("70.00", "0.00", "0.00"), await _host.WalletBalancesAsync(wallet));
    }

    [Fact]
    public async Task Settle_of_a_released_hold_is_refused_and_moves_nothing()
    {
        var citi = await _host.LedgerBalanceAsync("banks:citi:USD");
        var settlements = await _host.LedgerTransactionCountAsync("settleHold");
        var wallet = await _host.CreateWalletAsync();
        await _host.PayInAsync(wallet, "100.00");
        var holdId = await ReserveAsync(wallet, "30.00", "citi");
        Assert.Equal(HttpStatusCode.OK, (await _host.PostAsync($"/v1/holds/{holdId}/release", new { })).Status);

        var refused = await _host.PostAsync($"/v1/holds/{holdId}/settle", new { });

        refused.AssertRejected(HttpStatusCode.Conflict, "HOLD_NOT_OPEN");
        Assert.Equal("released", await _host.HoldStatusAsync(holdId));
        Assert.Equal(settlements, await _host.LedgerTransactionCountAsync("settleHold"));
        Assert.Equal(citi + 10000, await _host.LedgerBalanceAsync("banks:citi:USD"));
        Assert.Equal(("100.00", "0.00", "0.00"), await _host.WalletBalancesAsync(wallet));
    }

    [Theory]
    [InlineData("settle")]
    [InlineData("release")]
    public async Task A_completion_of_an_unknown_hold_is_refused_as_not_found(string step)
    {
        var refused = await _host.PostAsync($"/v1/holds/{UnknownHold}/{step}", new { });

        refused.AssertRejected(HttpStatusCode.NotFound, "NOT_FOUND");
        Assert.Equal("holdId", refused.Field);
    }

    [Theory]
    [InlineData("settle")]
    [InlineData("release")]
    [InlineData("manual-review")]
    public async Task A_completion_with_a_malformed_hold_id_is_refused_as_an_invalid_id(string step)
    {
        var refused = await _host.PostAsync($"/v1/holds/hold_123/{step}", step == "settle" ? (object)new { } : new { reason = "provider timed out" });

        refused.AssertRejected(HttpStatusCode.BadRequest, "INVALID_ID");
        Assert.Equal("holdId", refused.Field);
    }

    [Fact]
    public async Task Release_returns_the_hold_to_the_available_balance_with_its_reason()
    {
        var citi = await _host.LedgerBalanceAsync("banks:citi:USD");
        var wallet = await _host.CreateWalletAsync();
        await _host.PayInAsync(wallet, "100.00");
        var holdId = await ReserveAsync(wallet, "30.00", "citi");

        var released = await _host.PostAsync($"/v1/holds/{holdId}/release", new { reason = "beneficiary account closed" });

        Assert.Equal(HttpStatusCode.OK, released.Status);
        Assert.Equal("released", released.Data.GetProperty("status").GetString());
        Assert.Equal("beneficiary account closed", released.Data.GetProperty("reason").GetString());
        Assert.Equal(("100.00", "0.00", "0.00"), await _host.WalletBalancesAsync(wallet));
        Assert.Equal(citi + 10000, await _host.LedgerBalanceAsync("banks:citi:USD"));
        var hold = Assert.Single(await _host.HoldsAsync(wallet, "released"));
        Assert.Equal("beneficiary account closed", hold.GetProperty("reason").GetString());
    }

    [Theory]
    [InlineData("settle")]
    [InlineData("release")]
    public async Task Release_of_a_hold_that_already_ended_is_refused_and_moves_nothing(string ending)
    {
        var releases = await _host.LedgerTransactionCountAsync("releaseHold");
        var wallet = await _host.CreateWalletAsync();
        await _host.PayInAsync(wallet, "100.00");
        var holdId = await ReserveAsync(wallet, "30.00", "citi");
        Assert.Equal(HttpStatusCode.OK, (await _host.PostAsync($"/v1/holds/{holdId}/{ending}", new { })).Status);
        var before = await _host.WalletBalancesAsync(wallet);

        var refused = await _host.PostAsync($"/v1/holds/{holdId}/release", new { reason = "late failure" });

        refused.AssertRejected(HttpStatusCode.Conflict, "HOLD_NOT_OPEN");
        Assert.Equal(before, await _host.WalletBalancesAsync(wallet));
        Assert.Equal(releases + (ending == "release" ? 1 : 0), await _host.LedgerTransactionCountAsync("releaseHold"));
        Assert.Equal(ending == "settle" ? "settled" : "released", await _host.HoldStatusAsync(holdId));
    }

    [Theory]
    [InlineData("settle", "settled", "70.00", 7000)]
    [InlineData("release", "released", "100.00", 10000)]
    public async Task A_hold_in_manual_review_keeps_its_money_and_can_then_end(string ending, string status, string available, long bank)
    {
        var citi = await _host.LedgerBalanceAsync("banks:citi:USD");
        var wallet = await _host.CreateWalletAsync();
        await _host.PayInAsync(wallet, "100.00");
        var holdId = await ReserveAsync(wallet, "30.00", "citi");

        var review = await _host.PostAsync($"/v1/holds/{holdId}/manual-review", new { reason = "provider timed out" });

        Assert.Equal(HttpStatusCode.OK, review.Status);
        Assert.Equal("manual_review", review.Data.GetProperty("status").GetString());
        Assert.Equal("provider timed out", review.Data.GetProperty("reason").GetString());
        Assert.Equal(JsonValueKind.Null, review.Body.GetProperty("ledgerTransactionId").ValueKind);
        Assert.Equal(("70.00", "30.00", "0.00"), await _host.WalletBalancesAsync(wallet));
        Assert.Equal(holdId, Assert.Single(await _host.HoldsAsync(wallet, "manual_review")).GetProperty("holdId").GetString());

        var ended = await _host.PostAsync($"/v1/holds/{holdId}/{ending}", new { });

        Assert.Equal(HttpStatusCode.OK, ended.Status);
        Assert.Equal(status, await _host.HoldStatusAsync(holdId));
        Assert.Equal((available, "0.00", "0.00"), await _host.WalletBalancesAsync(wallet));
        Assert.Equal(citi + bank, await _host.LedgerBalanceAsync("banks:citi:USD"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public async Task Manual_review_without_a_reason_is_refused_and_the_hold_stays_reserved(string? reason)
    {
        var wallet = await _host.CreateWalletAsync();
        await _host.PayInAsync(wallet, "100.00");
        var holdId = await ReserveAsync(wallet, "30.00", "citi");

        var refused = await _host.PostAsync($"/v1/holds/{holdId}/manual-review", new { reason });

        refused.AssertRejected(HttpStatusCode.BadRequest, "VALIDATION");
        Assert.Equal("reason", refused.Field);
        Assert.Equal("reserved", await _host.HoldStatusAsync(holdId));
    }

    [Fact]
    public async Task Manual_review_of_an_unknown_hold_is_refused_as_not_found()
    {
        var refused = await _host.PostAsync($"/v1/holds/{UnknownHold}/manual-review", new { reason = "provider timed out" });

        refused.AssertRejected(HttpStatusCode.NotFound, "NOT_FOUND");
        Assert.Equal("holdId", refused.Field);
    }

    [Theory]
    [InlineData("settle", "settled")]
    [InlineData("release", "released")]
    [InlineData("manual-review", "manual_review")]
    public async Task Manual_review_of_a_hold_that_ended_or_is_already_in_review_is_refused(string earlier, string status)
    {
        var wallet = await _host.CreateWalletAsync();
        await _host.PayInAsync(wallet, "100.00");
        var holdId = await ReserveAsync(wallet, "30.00", "citi");
        Assert.Equal(HttpStatusCode.OK, (await _host.PostAsync($"/v1/holds/{holdId}/{earlier}", earlier == "settle" ? (object)new { } : new { reason = "first" })).Status);
        var before = await _host.WalletBalancesAsync(wallet);

        var refused = await _host.PostAsync($"/v1/holds/{holdId}/manual-review", new { reason = "second" });

        refused.AssertRejected(HttpStatusCode.Conflict, "HOLD_NOT_OPEN");
        var hold = await _host.GetAsync($"/v1/holds/{holdId}");
        Assert.Equal(status, hold.Body.GetProperty("status").GetString());
        Assert.Equal(earlier == "settle" ? null : "first", hold.Body.GetProperty("reason").GetString());
        Assert.Equal(before, await _host.WalletBalancesAsync(wallet));
    }

    /// <summary>Runs the rest of the test on an API of its own (<see cref="SharedWalletCoreHost.StartOwnAsync"/>), which <see cref="DisposeAsync"/> checks and disposes.</summary>
    private async Task UseOwnHostAsync() => _host = await shared.StartOwnAsync(nameof(PayoutCommandsTests));

    private async Task<string> ReserveAsync(string wallet, string amount, string bank)
    {
        var reserved = await _host.PostAsync("/v1/payouts", new { walletId = wallet, amount, currency = "USD", provider = "stripe", bankId = bank });
        Assert.Equal(HttpStatusCode.Created, reserved.Status);
        return reserved.Data.GetProperty("holdId").GetString()!;
    }
}
