using System.Net;
using System.Text.Json;
using WalletFlow.Tests.Infrastructure;

namespace WalletFlow.Tests.WalletCore;

public sealed class ReversalCommandsTests(SharedWalletCoreHost shared) : IClassFixture<SharedWalletCoreHost>, IAsyncLifetime
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
    public async Task Reversing_a_pay_in_reverts_every_leg_and_marks_the_original_reversed()
    {
        var citi = await _host.LedgerBalanceAsync("banks:citi:USD");
        var wallet = await _host.CreateWalletAsync();
        var payin = await PayInAsync(wallet, "40.00");

        var reversed = await _host.PostAsync("/v1/reversals", new { transactionId = payin.CommandId(), reason = "duplicate bank notification" });

        Assert.Equal(HttpStatusCode.Created, reversed.Status);
        Assert.Equal(payin.CommandId(), reversed.Data.GetProperty("reversedCommandId").GetString());
        Assert.Equal("postPayin", reversed.Data.GetProperty("reversedCommand").GetString());
        Assert.Equal(2, reversed.Body.GetProperty("postings").GetArrayLength());
        Assert.Equal(("0.00", "0.00", "0.00"), await _host.WalletBalancesAsync(wallet));
        Assert.Equal(citi, await _host.LedgerBalanceAsync("banks:citi:USD"));
        var original = await _host.GetAsync($"/v1/transactions/{payin.CommandId()}");
        Assert.Equal(reversed.CommandId(), original.Body.GetProperty("reversedByCommandId").GetString());
        Assert.True(original.Body.GetProperty("ledgerReverted").GetBoolean());
    }

    [Fact]
    public async Task Reversing_a_transfer_puts_both_wallets_back()
    {
        var alice = await _host.CreateWalletAsync();
        var bob = await _host.CreateWalletAsync();
        await _host.PayInAsync(alice, "100.00");
        var transfer = await _host.PostAsync("/v1/transfers", new { sourceWalletId = alice, destinationWalletId = bob, amount = "30.00", currency = "USD" });
        Assert.Equal(HttpStatusCode.Created, transfer.Status);

        var reversed = await _host.PostAsync("/v1/reversals", new { transactionId = transfer.CommandId(), reason = "sent to the wrong wallet" });

        Assert.Equal(HttpStatusCode.Created, reversed.Status);
        Assert.Equal(("100.00", "0.00", "0.00"), await _host.WalletBalancesAsync(alice));
        Assert.Equal(("0.00", "0.00", "0.00"), await _host.WalletBalancesAsync(bob));
    }

    [Fact]
    public async Task A_second_reversal_of_the_same_transaction_is_refused_and_moves_nothing()
    {
        var reversals = await _host.LedgerTransactionCountAsync("reverse");
        var wallet = await _host.CreateWalletAsync();
        await _host.PayInAsync(wallet, "100.00");
        var payin = await PayInAsync(wallet, "40.00");
        var first = await _host.PostAsync("/v1/reversals", new { transactionId = payin.CommandId(), reason = "duplicate" });
        Assert.Equal(HttpStatusCode.Created, first.Status);

        var second = await _host.PostAsync("/v1/reversals", new { transactionId = payin.CommandId(), reason = "duplicate, again" });

        second.AssertRejected(HttpStatusCode.Conflict, "ALREADY_REVERSED");
        Assert.Equal("transactionId", second.Field);
        Assert.Equal(("100.00", "0.00", "0.00"), await _host.WalletBalancesAsync(wallet));
        Assert.Equal(reversals + 1, await _host.LedgerTransactionCountAsync("reverse"));
        var original = await _host.GetAsync($"/v1/transactions/{payin.CommandId()}");
        Assert.Equal(first.CommandId(), original.Body.GetProperty("reversedByCommandId").GetString());
    }

    [Fact]
    public async Task Two_reversals_racing_for_one_transaction_reverse_it_once()
    {
        var reversals = await _host.LedgerTransactionCountAsync("reverse");
        var wallet = await _host.CreateWalletAsync();
        await _host.PayInAsync(wallet, "100.00");
        var payin = await PayInAsync(wallet, "40.00");

        var racing = await Task.WhenAll(Enumerable.Range(0, 4).Select(i =>
            _host.PostAsync("/v1/reversals", new { transactionId = payin.CommandId(), reason = $"duplicate {i}" })));

        Assert.Single(racing, response => response.Status == HttpStatusCode.Created);
        Assert.All(racing.Where(response => response.Status != HttpStatusCode.Created), response => response.AssertRejected(HttpStatusCode.Conflict, "ALREADY_REVERSED"));
        Assert.Equal(("100.00", "0.00", "0.00"), await _host.WalletBalancesAsync(wallet));
        Assert.Equal(reversals + 1, await _host.LedgerTransactionCountAsync("reverse"));
    }

    [Fact]
    public async Task Reversing_a_pay_in_whose_money_was_transferred_away_is_refused_and_changes_nothing()
    {
        var citi = await _host.LedgerBalanceAsync("banks:citi:USD");
        var reversals = await _host.LedgerTransactionCountAsync("reverse");
        var alice = await _host.CreateWalletAsync();
        var bob = await _host.CreateWalletAsync();
        var payin = await PayInAsync(alice, "40.00");
        Assert.Equal(HttpStatusCode.Created, (await _host.PostAsync("/v1/transfers", new { sourceWalletId = alice, destinationWalletId = bob, amount = "30.00", currency = "USD" })).Status);

        var refused = await _host.PostAsync("/v1/reversals", new { transactionId = payin.CommandId(), reason = "duplicate" });

        refused.AssertRejected(HttpStatusCode.UnprocessableEntity, "INSUFFICIENT_FUNDS");
        Assert.Equal(("10.00", "0.00", "0.00"), await _host.WalletBalancesAsync(alice));
        Assert.Equal(("30.00", "0.00", "0.00"), await _host.WalletBalancesAsync(bob));
        Assert.Equal(citi + 4000, await _host.LedgerBalanceAsync("banks:citi:USD"));
        Assert.Equal(reversals, await _host.LedgerTransactionCountAsync("reverse"));
        var original = await _host.GetAsync($"/v1/transactions/{payin.CommandId()}");
        Assert.Equal(JsonValueKind.Null, original.Body.GetProperty("reversedByCommandId").ValueKind);
        Assert.False(original.Body.GetProperty("ledgerReverted").GetBoolean());
    }

    [Fact]
    public async Task Reversing_a_transaction_in_a_disabled_currency_is_refused_and_changes_nothing()
    {
        // Every later test on the shared host would find USD switched off.
        await UseOwnHostAsync();
        var wallet = await _host.CreateWalletAsync();
        var payin = await PayInAsync(wallet, "40.00");
        await _host.DisableAsync("currency", "USD");

        var refused = await _host.PostAsync("/v1/reversals", new { transactionId = payin.CommandId(), reason = "duplicate" });

        refused.AssertRejected(HttpStatusCode.Forbidden, "FLAG_DENIED");
        Assert.Equal("currency:USD", refused.Body.GetProperty("scope").GetString());
        Assert.Equal(("40.00", "0.00", "0.00"), await _host.WalletBalancesAsync(wallet));
        Assert.False((await _host.GetAsync($"/v1/transactions/{payin.CommandId()}")).Body.GetProperty("ledgerReverted").GetBoolean());
    }

    [Theory]
    [InlineData("wtx_019a0000000070008000000000000001", HttpStatusCode.NotFound, "NOT_FOUND", "transactionId")]
    [InlineData("wtx_nope", HttpStatusCode.BadRequest, "INVALID_ID", "transactionId")]
    [InlineData("hold_019a0000000070008000000000000001", HttpStatusCode.BadRequest, "INVALID_ID", "transactionId")]
    public async Task Reversing_a_transaction_that_does_not_exist_is_refused(string transactionId, HttpStatusCode status, string code, string field)
    {
        var reversals = await _host.LedgerTransactionCountAsync("reverse");

        var refused = await _host.PostAsync("/v1/reversals", new { transactionId, reason = "duplicate" });

        refused.AssertRejected(status, code);
        Assert.Equal(field, refused.Field);
        Assert.Equal(reversals, await _host.LedgerTransactionCountAsync("reverse"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    public async Task A_reversal_without_a_reason_is_refused_and_moves_nothing(string? reason)
    {
        var wallet = await _host.CreateWalletAsync();
        var payin = await PayInAsync(wallet, "40.00");

        var refused = await _host.PostAsync("/v1/reversals", new { transactionId = payin.CommandId(), reason });

        refused.AssertRejected(HttpStatusCode.BadRequest, "VALIDATION");
        Assert.Equal("reason", refused.Field);
        Assert.Equal(("40.00", "0.00", "0.00"), await _host.WalletBalancesAsync(wallet));
    }

    [Fact]
    public async Task A_command_that_posted_nothing_is_not_reversible()
    {
        var reversals = await _host.LedgerTransactionCountAsync("reverse");
        var created = await _host.PostAsync("/v1/wallets", new { merchantId = "acme", currency = "USD" });
        var wallet = await _host.CreateWalletAsync();
        await _host.PayInAsync(wallet, "100.00");
        var holdId = await ReserveAsync(wallet, "10.00");
        var review = await _host.PostAsync($"/v1/holds/{holdId}/manual-review", new { reason = "provider timed out" });
        Assert.Equal(HttpStatusCode.OK, review.Status);

        foreach (var command in new[] { created, review })
        {
            var refused = await _host.PostAsync("/v1/reversals", new { transactionId = command.CommandId(), reason = "undo" });

            refused.AssertRejected(HttpStatusCode.UnprocessableEntity, "NOT_REVERSIBLE");
            Assert.Equal("transactionId", refused.Field);
        }

        Assert.Equal("manual_review", await _host.HoldStatusAsync(holdId));
        Assert.Equal(reversals, await _host.LedgerTransactionCountAsync("reverse"));
    }

    [Fact]
    public async Task A_hold_command_is_not_reversible_and_its_hold_keeps_its_money()
    {
        var reversals = await _host.LedgerTransactionCountAsync("reverse");
        var wallet = await _host.CreateWalletAsync();
        await _host.PayInAsync(wallet, "100.00");
        var reserved = await _host.PostAsync("/v1/payouts", new { walletId = wallet, amount = "10.00", currency = "USD", provider = "stripe", bankId = "citi" });
        var settledHold = await ReserveAsync(wallet, "20.00");
        var settled = await _host.PostAsync($"/v1/holds/{settledHold}/settle", new { });
        var releasedHold = await ReserveAsync(wallet, "30.00");
        var released = await _host.PostAsync($"/v1/holds/{releasedHold}/release", new { });
        Assert.Equal(HttpStatusCode.Created, reserved.Status);
        Assert.All(new[] { settled, released }, response => Assert.Equal(HttpStatusCode.OK, response.Status));
        var before = await _host.WalletBalancesAsync(wallet);

        foreach (var command in new[] { reserved, settled, released })
        {
            var refused = await _host.PostAsync("/v1/reversals", new { transactionId = command.CommandId(), reason = "undo" });

            refused.AssertRejected(HttpStatusCode.UnprocessableEntity, "NOT_REVERSIBLE");
        }

        Assert.Equal(("70.00", "10.00", "0.00"), before);
        Assert.Equal(before, await _host.WalletBalancesAsync(wallet));
        Assert.Equal(reversals, await _host.LedgerTransactionCountAsync("reverse"));
    }

    [Fact]
    public async Task A_reversal_is_not_itself_reversible()
    {
        var reversals = await _host.LedgerTransactionCountAsync("reverse");
        var wallet = await _host.CreateWalletAsync();
        var payin = await PayInAsync(wallet, "40.00");
        var reversal = await _host.PostAsync("/v1/reversals", new { transactionId = payin.CommandId(), reason = "duplicate" });
        Assert.Equal(HttpStatusCode.Created, reversal.Status);

        var refused = await _host.PostAsync("/v1/reversals", new { transactionId = reversal.CommandId(), reason = "undo the undo" });

        refused.AssertRejected(HttpStatusCode.UnprocessableEntity, "NOT_REVERSIBLE");
        Assert.Equal(("0.00", "0.00", "0.00"), await _host.WalletBalancesAsync(wallet));
        Assert.Equal(reversals + 1, await _host.LedgerTransactionCountAsync("reverse"));
    }

    /// <summary>Runs the rest of the test on an API of its own (<see cref="SharedWalletCoreHost.StartOwnAsync"/>), which <see cref="DisposeAsync"/> checks and disposes.</summary>
    private async Task UseOwnHostAsync() => _host = await shared.StartOwnAsync(nameof(ReversalCommandsTests));

    private async Task<CommandResponse> PayInAsync(string wallet, string amount)
    {
        var paid = await _host.PostAsync("/v1/payins", new { walletId = wallet, bankId = "citi", amount, currency = "USD" });
        Assert.Equal(HttpStatusCode.Created, paid.Status);
        return paid;
    }

    private async Task<string> ReserveAsync(string wallet, string amount)
    {
        var reserved = await _host.PostAsync("/v1/payouts", new { walletId = wallet, amount, currency = "USD", provider = "stripe", bankId = "citi" });
        Assert.Equal(HttpStatusCode.Created, reserved.Status);
        return reserved.Data.GetProperty("holdId").GetString()!;
    }
}
