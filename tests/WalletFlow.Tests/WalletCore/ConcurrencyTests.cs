using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using WalletFlow.Application.Wallets;
using WalletFlow.Grains.Wallets;
using WalletFlow.Tests.Infrastructure;

namespace WalletFlow.Tests.WalletCore;

/// <summary>Many submissions at once through REST, as partners' retries and hot wallets produce them; the invariants are checked after each.</summary>
public sealed class ConcurrencyTests(PostgresFixture postgres) : IAsyncLifetime
{
    private WalletCoreHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await WalletCoreHost.StartAsync(postgres, nameof(ConcurrencyTests));

    public async ValueTask DisposeAsync()
    {
        await _host.AssertInvariantsAsync();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task Fifty_concurrent_submissions_of_one_transfer_key_post_once_and_answer_the_same_receipt()
    {
        var alice = await _host.CreateWalletAsync();
        var bob = await _host.CreateWalletAsync();
        await _host.PayInAsync(alice, "100.00");
        var key = _host.NewKey();

        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ =>
            _host.PostAsync("/v1/transfers", new { sourceWalletId = alice, destinationWalletId = bob, amount = "12.34", currency = "USD" }, key)));

        Assert.All(answers, answer => Assert.Equal(HttpStatusCode.Created, answer.Status));
        Assert.Single(answers.Select(answer => answer.Body.GetProperty("commandId").GetString()).Distinct());
        Assert.Equal(49, answers.Count(answer => answer.Replayed));
        Assert.Equal(1, await _host.LedgerTransactionCountAsync("transfer"));
        Assert.Equal(1, await WalletCoreSql.CommandRowsAsync(_host.Database, key));
        Assert.Equal("87.66", await _host.AvailableAsync(alice));
        Assert.Equal("12.34", await _host.AvailableAsync(bob));
    }

    [Fact]
    public async Task Fifty_concurrent_submissions_of_one_create_wallet_key_open_one_wallet()
    {
        var key = _host.NewKey();

        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => _host.PostAsync("/v1/wallets", new { merchantId = "acme", currency = "USD" }, key)));

        Assert.All(answers, answer => Assert.Equal(HttpStatusCode.Created, answer.Status));
        Assert.Single(answers.Select(answer => answer.Data.GetProperty("walletId").GetString()).Distinct());
        Assert.Equal(49, answers.Count(answer => answer.Replayed));
        Assert.Equal(1, await WalletCoreSql.CountAsync(_host.Database, "select count(*) from core.wallets"));
        Assert.Equal(1, await WalletCoreSql.CommandRowsAsync(_host.Database, key));
    }

    [Fact]
    public async Task Two_hundred_concurrent_pay_ins_into_one_wallet_credit_their_exact_sum()
    {
        var wallet = await _host.CreateWalletAsync();

        // 0.01 + 0.02 + ... + 2.00: distinct amounts, so a lost or doubled pay-in changes the sum.
        var answers = await Task.WhenAll(Enumerable.Range(1, 200).Select(cents => PayInCentsAsync(wallet, cents)));

        Assert.All(answers, answer => Assert.Equal(HttpStatusCode.Created, answer.Status));
        Assert.DoesNotContain(answers, answer => answer.Replayed);
        Assert.Equal("201.00", await _host.AvailableAsync(wallet));
        Assert.Equal(200, await _host.LedgerTransactionCountAsync("postPayin"));
    }

    [Fact]
    public async Task Concurrent_transfers_both_ways_between_two_wallets_move_exactly_what_they_accepted_and_never_overdraw()
    {
        var a = await _host.CreateWalletAsync();
        var b = await _host.CreateWalletAsync();
        await _host.PayInAsync(a, "100.00");
        await _host.PayInAsync(b, "100.00");
        var random = new Random(20261121);
        var transfers = Enumerable.Range(0, 100)
            .Select(_ => (FromA: random.Next(2) == 0, Cents: random.Next(1, 6001)))
            .ToList();

        var answers = await Task.WhenAll(transfers.Select(transfer => _host.PostAsync("/v1/transfers", new
        {
            sourceWalletId = transfer.FromA ? a : b,
            destinationWalletId = transfer.FromA ? b : a,
            amount = Decimal(transfer.Cents),
            currency = "USD",
        })));

        var accepted = transfers.Zip(answers).Where(pair => pair.Second.Status == HttpStatusCode.Created).Select(pair => pair.First).ToList();
        TestContext.Current.TestOutputHelper?.WriteLine($"{accepted.Count} of {transfers.Count} transfers accepted.");
        Assert.All(answers.Where(answer => answer.Status != HttpStatusCode.Created), answer => answer.AssertRejected(HttpStatusCode.UnprocessableEntity, "INSUFFICIENT_FUNDS"));
        var aMinor = long.Parse((await _host.BalancesAsync(a)).GetProperty("availableMinor").GetString()!, CultureInfo.InvariantCulture);
        var bMinor = long.Parse((await _host.BalancesAsync(b)).GetProperty("availableMinor").GetString()!, CultureInfo.InvariantCulture);
        var netFromA = accepted.Sum(transfer => transfer.FromA ? transfer.Cents : -transfer.Cents);
        Assert.Equal(10_000 - netFromA, aMinor);
        Assert.Equal(10_000 + netFromA, bMinor);
        Assert.Equal(20_000, aMinor + bMinor);
        Assert.True(aMinor >= 0 && bMinor >= 0, $"A negative balance: a {aMinor}, b {bMinor}");
        Assert.Equal(accepted.Count, await _host.LedgerTransactionCountAsync("transfer"));
    }

    [Fact]
    public async Task Reusing_a_key_with_a_different_body_is_an_idempotency_conflict_that_moves_nothing()
    {
        var alice = await _host.CreateWalletAsync();
        var bob = await _host.CreateWalletAsync();
        await _host.PayInAsync(alice, "50.00");
        var key = _host.NewKey();

        var first = await _host.PostAsync("/v1/transfers", new { sourceWalletId = alice, destinationWalletId = bob, amount = "10.00", currency = "USD" }, key);
        var other = await _host.PostAsync("/v1/transfers", new { sourceWalletId = alice, destinationWalletId = bob, amount = "11.00", currency = "USD" }, key);

        Assert.Equal(HttpStatusCode.Created, first.Status);
        other.AssertRejected(HttpStatusCode.Conflict, "IDEMPOTENCY_CONFLICT");
        Assert.Equal("idempotencyKey", other.Field);
        Assert.Equal("40.00", await _host.AvailableAsync(alice));
        Assert.Equal("10.00", await _host.AvailableAsync(bob));
        Assert.Equal(1, await _host.LedgerTransactionCountAsync("transfer"));
    }

    [Fact]
    public async Task Two_bodies_racing_under_one_key_let_exactly_one_win_and_refuse_the_other_as_a_conflict()
    {
        var alice = await _host.CreateWalletAsync();
        var bob = await _host.CreateWalletAsync();
        await _host.PayInAsync(alice, "50.00");
        var key = _host.NewKey();
        string[] amounts = ["10.00", "11.00"];

        var answers = await Task.WhenAll(Enumerable.Range(0, 40).Select(async i =>
        {
            var amount = amounts[i % 2];
            return (Amount: amount, Answer: await _host.PostAsync("/v1/transfers", new { sourceWalletId = alice, destinationWalletId = bob, amount, currency = "USD" }, key));
        }));

        var winner = Assert.Single(answers.Where(sent => sent.Answer.Status == HttpStatusCode.Created).Select(sent => sent.Amount).Distinct());
        Assert.All(answers.Where(sent => sent.Amount == winner), sent => Assert.Equal(HttpStatusCode.Created, sent.Answer.Status));
        Assert.Single(answers.Where(sent => sent.Amount == winner).Select(sent => sent.Answer.Body.GetProperty("commandId").GetString()).Distinct());
        Assert.All(answers.Where(sent => sent.Amount != winner), sent =>
        {
            sent.Answer.AssertRejected(HttpStatusCode.Conflict, "IDEMPOTENCY_CONFLICT");
            Assert.Equal("idempotencyKey", sent.Answer.Field);
        });
        Assert.Equal(1, await _host.LedgerTransactionCountAsync("transfer"));
        Assert.Equal(winner, await _host.AvailableAsync(bob));
    }

    [Fact]
    public async Task Concurrent_pay_ins_into_one_wallet_are_group_committed_in_fewer_database_transactions_than_commands()
    {
        var wallet = await _host.CreateWalletAsync();
        using var metrics = new MetricsRecorder(_host.Factory.Services, WalletGrainMetrics.MeterName);

        var answers = await Task.WhenAll(Enumerable.Range(1, 200).Select(cents => PayInCentsAsync(wallet, cents)));

        Assert.All(answers, answer => Assert.Equal(HttpStatusCode.Created, answer.Status));
        var batches = metrics.Values("walletflow.grains.batch.size");
        TestContext.Current.TestOutputHelper?.WriteLine($"200 pay-ins in {batches.Count} batches, the largest of {batches.Max()}.");
        Assert.Equal(200, batches.Sum());
        Assert.True(batches.Max() > 1, $"No batch held more than one pay-in: {batches.Count} batches.");
        // Rows one database transaction inserted share its xmin: fewer xmins than pay-ins is group commit, seen by Postgres itself.
        var transactions = await WalletCoreSql.CountAsync(_host.Database, "select count(distinct xmin::text) from core.commands where command = 'postPayin'");
        Assert.InRange(transactions, 1, 199);
        Assert.Equal(batches.Count, transactions);
    }

    private Task<CommandResponse> PayInCentsAsync(string wallet, int cents) =>
        _host.PostAsync("/v1/payins", new { walletId = wallet, bankId = "citi", amount = Decimal(cents), currency = "USD" });

    private static string Decimal(int cents) => (cents / 100m).ToString("0.00", CultureInfo.InvariantCulture);
}
