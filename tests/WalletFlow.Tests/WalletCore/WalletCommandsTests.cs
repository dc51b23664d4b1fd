using System.Net;
using WalletFlow.Tests.Infrastructure;

namespace WalletFlow.Tests.WalletCore;

/// <summary>Create wallet, pay-in and transfer through REST: every success and every rejection, invariants after each test.</summary>
public sealed class WalletCommandsTests(SharedWalletCoreHost shared) : IClassFixture<SharedWalletCoreHost>, IAsyncLifetime
{
    private readonly WalletCoreHost _host = shared.Host;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _host.AssertInvariantsAsync();

    [Fact]
    public async Task Create_wallet_opens_an_active_wallet_with_zero_balances()
    {
        var created = await _host.PostAsync("/v1/wallets", new { merchantId = "acme", currency = "EUR", label = "Payroll" });

        Assert.Equal(HttpStatusCode.Created, created.Status);
        var walletId = created.Data.GetProperty("walletId").GetString()!;
        Assert.StartsWith("wal_", walletId, StringComparison.Ordinal);
        Assert.Equal("EUR", created.Data.GetProperty("currency").GetString());
        Assert.Equal("active", created.Data.GetProperty("status").GetString());
        Assert.Null(created.Body.GetProperty("ledgerTransactionId").GetString());
        var wallet = await _host.GetAsync($"/v1/wallets/{walletId}");
        Assert.Equal("Payroll", wallet.Body.GetProperty("label").GetString());
        var balances = await _host.BalancesAsync(walletId);
        Assert.Equal(("0.00", "0.00", "0.00"), (balances.GetProperty("available").GetString(), balances.GetProperty("held").GetString(), balances.GetProperty("reserved").GetString()));
    }

    [Fact]
    public async Task Create_wallet_replayed_with_its_key_returns_the_same_wallet_and_opens_no_other()
    {
        var key = _host.NewKey();
        var wallets = await WalletCountAsync();
        var first = await _host.PostAsync("/v1/wallets", new { merchantId = "acme", currency = "USD" }, key);
        var again = await _host.PostAsync("/v1/wallets", new { merchantId = "acme", currency = "USD" }, key);

        Assert.True(again.Replayed);
        Assert.Equal(first.Data.GetProperty("walletId").GetString(), again.Data.GetProperty("walletId").GetString());
        Assert.Equal(wallets + 1, await WalletCountAsync());
    }

    [Theory]
    [InlineData("acme", "XYZ", null, "CURRENCY_UNKNOWN", "currency")]
    [InlineData("Acme Corp", "USD", null, "INVALID_ID", "merchantId")]
    [InlineData(null, "USD", null, "INVALID_ID", "merchantId")]
    [InlineData("acme", "USD", "a label far longer than the one hundred characters a wallet label may have, which this one has, clearly.", "VALIDATION", "label")]
    public async Task Create_wallet_with_invalid_fields_is_rejected_and_opens_nothing(string? merchantId, string currency, string? label, string code, string field)
    {
        var wallets = await WalletCountAsync();
        var commands = await _host.ScalarAsync<long>("select count(*) from core.commands");

        var rejected = await _host.PostAsync("/v1/wallets", new { merchantId, currency, label });

        rejected.AssertRejected(HttpStatusCode.BadRequest, code);
        Assert.Equal(field, rejected.Field);
        Assert.Equal(wallets, await WalletCountAsync());
        Assert.Equal(commands, await _host.ScalarAsync<long>("select count(*) from core.commands"));
    }

    [Fact]
    public async Task Pay_in_credits_the_wallet_and_records_the_cash_at_the_bank()
    {
        var wallet = await _host.CreateWalletAsync();
        var citi = await _host.AccountBalanceAsync("banks:citi:USD", "USD");

        var paid = await _host.PostAsync("/v1/payins", new { walletId = wallet, bankId = "citi", amount = "250.10", currency = "USD", provider = "paystack", reference = "inv-7" });

        Assert.Equal(HttpStatusCode.Created, paid.Status);
        Assert.Equal("250.10", await _host.AvailableAsync(wallet));
        var balances = paid.Body.GetProperty("balances").EnumerateArray().ToDictionary(b => b.GetProperty("account").GetString()!, b => b.GetProperty("balance").GetString());
        Assert.Equal(citi.Plus("250.10").Balance, balances["banks:citi:USD"]);
        Assert.Equal("250.10", balances[$"wallets:{wallet}:available"]);
        Assert.Equal(2, paid.Body.GetProperty("postings").GetArrayLength());
    }

    [Fact]
    public async Task Pay_in_without_a_wallet_is_owed_to_suspense()
    {
        var suspense = await _host.AccountBalanceAsync("suspense", "USD");

        var paid = await _host.PostAsync("/v1/payins", new { bankId = "citi", amount = "9.99", currency = "USD" });

        Assert.Equal(HttpStatusCode.Created, paid.Status);
        Assert.Contains(paid.Body.GetProperty("balances").EnumerateArray(), b => b.GetProperty("account").GetString() == "suspense" && b.GetProperty("balance").GetString() == suspense.Plus("9.99").Balance);
    }

    [Theory]
    [InlineData("0", "INVALID_AMOUNT")]
    [InlineData("-5.00", "INVALID_AMOUNT")]
    [InlineData("1.001", "INVALID_AMOUNT")]
    [InlineData("ten", "INVALID_AMOUNT")]
    [InlineData(null, "INVALID_AMOUNT")]
    [InlineData("92233720368547758.08", "AMOUNT_OVERFLOW")]
    public async Task Pay_in_of_an_invalid_amount_is_rejected_and_moves_nothing(string? amount, string code)
    {
        var wallet = await _host.CreateWalletAsync();
        var transactions = await _host.LedgerTransactionCountAsync();

        var rejected = await _host.PostAsync("/v1/payins", new { walletId = wallet, bankId = "citi", amount, currency = "USD" });

        rejected.AssertRejected(HttpStatusCode.BadRequest, code);
        Assert.Equal("amount", rejected.Field);
        Assert.Equal(transactions, await _host.LedgerTransactionCountAsync());
    }

    [Fact]
    public async Task Pay_in_to_a_wallet_of_another_currency_is_rejected_and_moves_nothing()
    {
        var wallet = await _host.CreateWalletAsync("EUR");
        var transactions = await _host.LedgerTransactionCountAsync();

        var rejected = await _host.PostAsync("/v1/payins", new { walletId = wallet, bankId = "citi", amount = "1.00", currency = "USD" });

        rejected.AssertRejected(HttpStatusCode.UnprocessableEntity, "CURRENCY_MISMATCH");
        Assert.Equal("walletId", rejected.Field);
        Assert.Equal(transactions, await _host.LedgerTransactionCountAsync());
    }

    [Fact]
    public async Task Pay_in_to_an_unknown_wallet_is_not_found_and_moves_nothing()
    {
        var transactions = await _host.LedgerTransactionCountAsync();

        var rejected = await _host.PostAsync("/v1/payins", new { walletId = "wal_019a4c1e8a3b7c6d9e0f112233445566", bankId = "citi", amount = "1.00", currency = "USD" });

        rejected.AssertRejected(HttpStatusCode.NotFound, "NOT_FOUND");
        Assert.Equal(transactions, await _host.LedgerTransactionCountAsync());
    }

    [Fact]
    public async Task Pay_in_with_several_invalid_fields_lists_every_field_error()
    {
        var rejected = await _host.PostAsync("/v1/payins", new { walletId = "nope", bankId = "Citi Bank", amount = "1.00", currency = "XXQ" });

        rejected.AssertRejected(HttpStatusCode.BadRequest, "INVALID_ID");
        var fields = rejected.Body.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()).ToList();
        Assert.Equal(["walletId", "bankId", "currency"], fields);
    }

    [Fact]
    public async Task Pay_in_then_transfer_moves_the_exact_amounts_and_a_replay_posts_nothing()
    {
        var transactions = await _host.LedgerTransactionCountAsync();
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
        Assert.Equal(transactions + 2, await _host.LedgerTransactionCountAsync());
    }

    [Fact]
    public async Task A_transfer_retried_after_its_money_was_spent_replays_its_receipt_instead_of_refusing()
    {
        var alice = await _host.CreateWalletAsync();
        var bob = await _host.CreateWalletAsync();
        await _host.PayInAsync(alice, "10.00");
        var key = _host.NewKey();
        var transfer = new { sourceWalletId = alice, destinationWalletId = bob, amount = "10.00", currency = "USD" };
        var first = await _host.PostAsync("/v1/transfers", transfer, key);

        // Alice has nothing left, so the retry's plan is refused; the key's receipt answers instead.
        var retried = await _host.PostAsync("/v1/transfers", transfer, key);
        var otherRequest = await _host.PostAsync("/v1/transfers", transfer with { amount = "5.00" }, key);

        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.Equal(HttpStatusCode.Created, retried.Status);
        Assert.True(retried.Replayed);
        Assert.Equal(first.Body.GetProperty("commandId").GetString(), retried.Body.GetProperty("commandId").GetString());
        otherRequest.AssertRejected(HttpStatusCode.Conflict, "IDEMPOTENCY_CONFLICT");
        Assert.Equal("0.00", await _host.AvailableAsync(alice));
        Assert.Equal("10.00", await _host.AvailableAsync(bob));
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

    [Fact]
    public async Task A_credit_that_would_take_a_wallet_beyond_64_bit_minor_units_is_rejected_and_moves_nothing()
    {
        const string Largest = "92233720368547758.07";
        var full = await _host.CreateWalletAsync();
        var other = await _host.CreateWalletAsync();
        // A bank of its own: a bank holding the largest balance refuses every later test's pay-in.
        await _host.PayInAsync(full, Largest, bank: _host.NewSlug("citi"));
        await _host.PayInAsync(other, "0.01", bank: "barclays");
        var transactions = await _host.LedgerTransactionCountAsync();

        var payin = await _host.PostAsync("/v1/payins", new { walletId = full, bankId = "barclays", amount = "0.01", currency = "USD" });
        var transfer = await _host.PostAsync("/v1/transfers", new { sourceWalletId = other, destinationWalletId = full, amount = "0.01", currency = "USD" });

        payin.AssertRejected(HttpStatusCode.UnprocessableEntity, "BALANCE_OUT_OF_RANGE");
        Assert.Equal("walletId", payin.Field);
        Assert.Contains($"wallet {full}", payin.Body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        transfer.AssertRejected(HttpStatusCode.UnprocessableEntity, "BALANCE_OUT_OF_RANGE");
        Assert.Equal("destinationWalletId", transfer.Field);
        Assert.Equal(Largest, await _host.AvailableAsync(full));
        Assert.Equal("0.01", await _host.AvailableAsync(other));
        Assert.Equal(transactions, await _host.LedgerTransactionCountAsync());
    }

    [Fact]
    public async Task Transfer_to_the_same_wallet_is_rejected()
    {
        var alice = await _host.CreateWalletAsync();

        var rejected = await _host.PostAsync("/v1/transfers", new { sourceWalletId = alice, destinationWalletId = alice, amount = "1.00", currency = "USD" });

        rejected.AssertRejected(HttpStatusCode.BadRequest, "VALIDATION");
        Assert.Equal("destinationWalletId", rejected.Field);
    }

    [Fact]
    public async Task Transfer_to_a_wallet_of_another_currency_is_rejected_and_moves_nothing()
    {
        var dollars = await _host.CreateWalletAsync();
        var euros = await _host.CreateWalletAsync("EUR");
        await _host.PayInAsync(dollars, "10.00");

        var rejected = await _host.PostAsync("/v1/transfers", new { sourceWalletId = dollars, destinationWalletId = euros, amount = "1.00", currency = "USD" });

        rejected.AssertRejected(HttpStatusCode.UnprocessableEntity, "CURRENCY_MISMATCH");
        Assert.Equal("destinationWalletId", rejected.Field);
        Assert.Equal("10.00", await _host.AvailableAsync(dollars));
    }

    [Fact]
    public async Task Transfer_from_an_unknown_wallet_is_not_found()
    {
        var bob = await _host.CreateWalletAsync();

        var rejected = await _host.PostAsync("/v1/transfers", new { sourceWalletId = "wal_019a4c1e8a3b7c6d9e0f112233445566", destinationWalletId = bob, amount = "1.00", currency = "USD" });

        rejected.AssertRejected(HttpStatusCode.NotFound, "NOT_FOUND");
        Assert.Equal("sourceWalletId", rejected.Field);
    }

    [Fact]
    public async Task Statement_lists_the_wallets_movements_newest_first_a_page_at_a_time()
    {
        var alice = await _host.CreateWalletAsync();
        var bob = await _host.CreateWalletAsync();
        await _host.PayInAsync(alice, "50.00");
        for (var i = 1; i <= 3; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await _host.PostAsync("/v1/transfers", new { sourceWalletId = alice, destinationWalletId = bob, amount = $"{i}.00", currency = "USD" })).Status);
        }

        await _host.CatchUpAsync();
        var first = await _host.GetAsync($"/v1/wallets/{alice}/statement?limit=2");
        var next = first.Body.GetProperty("next").GetString();
        var second = await _host.GetAsync($"/v1/wallets/{alice}/statement?limit=2&cursor={Uri.EscapeDataString(next!)}");

        var changes = first.Body.GetProperty("items").EnumerateArray().Concat(second.Body.GetProperty("items").EnumerateArray())
            .Select(line => (line.GetProperty("command").GetString(), line.GetProperty("availableChange").GetString(), line.GetProperty("availableAfter").GetString())).ToList();
        Assert.Equal([("transfer", "-3.00", "44.00"), ("transfer", "-2.00", "47.00"), ("transfer", "-1.00", "49.00"), ("postPayin", "50.00", "50.00")], changes);
        Assert.Null(second.Body.GetProperty("next").GetString());
    }

    [Fact]
    public async Task A_transaction_and_a_command_are_found_by_their_ids_and_key()
    {
        var wallet = await _host.CreateWalletAsync();
        var key = _host.NewKey();
        var paid = await _host.PostAsync("/v1/payins", new { walletId = wallet, bankId = "citi", amount = "3.00", currency = "USD" }, key);
        var commandId = paid.Body.GetProperty("commandId").GetString();

        var transaction = await _host.GetAsync($"/v1/transactions/{commandId}");
        var command = await _host.GetAsync($"/v1/commands/{key}");

        Assert.Equal(HttpStatusCode.OK, transaction.Status);
        Assert.Equal(paid.Body.GetProperty("ledgerTransactionId").GetInt64(), transaction.Body.GetProperty("receipt").GetProperty("ledgerTransactionId").GetInt64());
        Assert.False(transaction.Body.GetProperty("ledgerReverted").GetBoolean());
        Assert.Equal(commandId, command.Body.GetProperty("commandId").GetString());
        (await _host.GetAsync("/v1/transactions/wtx_019a4c1e8a3b7c6d9e0f112233445566")).AssertRejected(HttpStatusCode.NotFound, "NOT_FOUND");
        (await _host.GetAsync("/v1/transactions/42")).AssertRejected(HttpStatusCode.BadRequest, "INVALID_ID");
        (await _host.GetAsync("/v1/commands/never-used")).AssertRejected(HttpStatusCode.NotFound, "NOT_FOUND");
    }

    private Task<long> WalletCountAsync() => _host.ScalarAsync<long>("select count(*) from core.wallets");
}
