using System.Net;
using WalletFlow.Tests.Infrastructure;

namespace WalletFlow.Tests.Payouts.Sagas;

/// <summary>
/// Payouts submitted over REST against the provider simulator, driven step by step on a moved clock: every behaviour
/// ends the hold where the provider's answer says (settled, released, or in manual review with the money still held),
/// each move once, and the books balanced after each scenario (the host checks the invariants when it stops).
/// </summary>
public sealed class PayoutSagaTests(PostgresFixture postgres) : IAsyncLifetime
{
    private SagaHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await SagaHost.StartAsync(postgres, nameof(PayoutSagaTests));

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    public static TheoryData<string, string, string> Behaviours => new()
    {
        // provider, simulator behaviour, the hold's end
        { SagaHost.Strict, "Paid", "settled" },
        { SagaHost.Strict, "Failed", "released" },
        { SagaHost.Strict, "PaidAfterRequeries", "settled" },
        { SagaHost.Strict, "FailedAfterRequeries", "released" },
        { SagaHost.Strict, "BadGateway", "settled" },
        { SagaHost.Strict, "Garbage", "settled" },
        { SagaHost.Strict, "Timeout", "settled" },
        { SagaHost.Strict, "Slow", "settled" },
        { SagaHost.Strict, "NeverAnswers", "manual_review" },
        { SagaHost.Strict, "Down", "manual_review" },
        { SagaHost.Deduping, "BadGateway", "settled" },
        { SagaHost.Deduping, "NeverAnswers", "manual_review" },
    };

    [Theory]
    [MemberData(nameof(Behaviours))]
    public async Task Every_simulator_behaviour_ends_the_hold_where_the_providers_answer_says(string provider, string behaviour, string end)
    {
        var hold = await _host.SubmittedAsync(provider, behaviour, delayMilliseconds: behaviour == "Slow" ? 100 : null);

        await _host.RunToEndAsync(hold);

        Assert.Equal(end, await _host.StatusAsync(hold));
        var timeline = await _host.TimelineAsync(hold);
        Assert.Equal(["transition:reserved", "transition:submitted"], timeline.Take(2));
        Assert.Equal($"transition:{end}", timeline[^1]);
        Assert.Single(timeline, line => line == $"transition:{end}");
        Assert.Equal(end == "settled" ? 1 : 0, await _host.Api.LedgerTransactionCountAsync("settleHold"));
        Assert.Equal(end == "released" ? 1 : 0, await _host.Api.LedgerTransactionCountAsync("releaseHold"));
    }

    [Fact]
    public async Task A_paid_payout_settles_once_and_its_cash_leaves_the_holds_bank()
    {
        var (wallet, hold) = await _host.ReserveAsync(SagaHost.Strict, "Paid");
        Assert.Equal(HttpStatusCode.OK, (await _host.Api.PostAsync($"/v1/holds/{hold}/submit", new { })).Status);
        Assert.Equal(("70.00", "30.00", "0.00"), await _host.Api.WalletBalancesAsync(wallet));

        Assert.Equal(2, await _host.RunToEndAsync(hold));

        Assert.Equal("settled", await _host.StatusAsync(hold));
        Assert.Equal(("70.00", "0.00", "0.00"), await _host.Api.WalletBalancesAsync(wallet));
        Assert.Equal(7000, await _host.Api.LedgerBalanceAsync("banks:citi:USD"));
        Assert.Equal(1, await _host.SubmitsAsync(hold));
        Assert.Equal(["transition:reserved", "transition:submitted", "submit:paid", "transition:settled"], await _host.TimelineAsync(hold));
        var saga = await _host.SagaAsync(hold);
        Assert.Equal(1, saga.GetProperty("attempts").GetInt32());
        Assert.Equal("paid", saga.GetProperty("lastAnswer").GetString());
    }

    [Fact]
    public async Task A_failed_payout_is_released_with_the_providers_reason_and_the_money_is_back()
    {
        var (wallet, hold) = await _host.ReserveAsync(SagaHost.Strict, "Failed");
        await _host.Api.PostAsync($"/v1/holds/{hold}/submit", new { });

        await _host.RunToEndAsync(hold);

        var payout = await _host.PayoutAsync(hold);
        Assert.Equal("released", payout.GetProperty("hold").GetProperty("status").GetString());
        Assert.Contains("beneficiary_account_closed", payout.GetProperty("hold").GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(("100.00", "0.00", "0.00"), await _host.Api.WalletBalancesAsync(wallet));
    }

    [Fact]
    public async Task Ambiguous_forever_ends_in_manual_review_after_the_budget_with_the_money_still_held()
    {
        var (wallet, hold) = await _host.ReserveAsync(SagaHost.Strict, "Down");
        await _host.Api.PostAsync($"/v1/holds/{hold}/submit", new { });

        await _host.RunToEndAsync(hold);

        var payout = await _host.PayoutAsync(hold);
        Assert.Equal("manual_review", payout.GetProperty("hold").GetProperty("status").GetString());
        Assert.Contains($"after {SagaHost.MaxAttempts} calls", payout.GetProperty("hold").GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(SagaHost.MaxAttempts, payout.GetProperty("saga").GetProperty("attempts").GetInt32());
        Assert.Equal(("70.00", "30.00", "0.00"), await _host.Api.WalletBalancesAsync(wallet));
        // The first call submitted; every later one asked, because a submit to this provider is never repeated blind.
        Assert.Equal(
            ["submit:ambiguous", .. Enumerable.Repeat("requery:ambiguous", SagaHost.MaxAttempts - 1)],
            (await _host.TimelineAsync(hold)).Where(line => line.StartsWith("submit", StringComparison.Ordinal) || line.StartsWith("requery", StringComparison.Ordinal)));

        // An operator who checked with the provider settles it from review.
        Assert.Equal(HttpStatusCode.OK, (await _host.Api.PostAsync($"/v1/holds/{hold}/settle", new { })).Status);
        Assert.Equal(("70.00", "0.00", "0.00"), await _host.Api.WalletBalancesAsync(wallet));
    }

    [Fact]
    public async Task Requeries_wait_longer_each_time()
    {
        var hold = await _host.SubmittedAsync(SagaHost.Strict, "PaidAfterRequeries", requeries: 3);
        var waits = new List<TimeSpan>();
        for (var call = 0; call < 3; call++)
        {
            await _host.RunAsync();
            var due = (await _host.SagaAsync(hold)).GetProperty("nextDueAt").GetDateTimeOffset();
            waits.Add(due - _host.Clock.GetUtcNow());
            Assert.Equal(0, await _host.RunAsync());
            _host.Clock.Advance(due - _host.Clock.GetUtcNow() + TimeSpan.FromSeconds(1));
        }

        Assert.True(waits[0] > TimeSpan.Zero && waits[1] > waits[0] * 1.8 && waits[2] > waits[1] * 1.8, string.Join(", ", waits));
        await _host.RunToEndAsync(hold);
        Assert.Equal("settled", await _host.StatusAsync(hold));
    }

    [Fact]
    public async Task A_provider_answering_paid_twice_settles_once()
    {
        var hold = await _host.SubmittedAsync(SagaHost.Strict, "Paid");
        await _host.RunAsync();

        var callback = await _host.CallbackAsync(SagaHost.Strict, new { reference = hold, status = "paid" });
        var again = await _host.CallbackAsync(SagaHost.Strict, new { reference = hold, status = "paid" });
        await _host.RunToEndAsync(hold);

        Assert.Equal("noted", callback.Body.GetProperty("outcome").GetString());
        Assert.Equal("duplicate", again.Body.GetProperty("outcome").GetString());
        Assert.Equal("settled", await _host.StatusAsync(hold));
        Assert.Equal(1, await _host.Api.LedgerTransactionCountAsync("settleHold"));
    }

    [Fact]
    public async Task A_callback_racing_a_requery_settles_once()
    {
        for (var round = 0; round < 5; round++)
        {
            var hold = await _host.SubmittedAsync(SagaHost.Strict, "PaidAfterRequeries", requeries: 1);
            await _host.RunAsync();
            _host.Clock.Advance(TimeSpan.FromMinutes(5));

            var requery = _host.RunAsync();
            var callback = _host.CallbackAsync(SagaHost.Strict, new { reference = hold, status = "paid" });
            await Task.WhenAll(requery, callback);
            await _host.RunToEndAsync(hold);

            Assert.Equal("settled", await _host.StatusAsync(hold));
            Assert.Single(await _host.TimelineAsync(hold), line => line == "transition:settled");
        }

        Assert.Equal(5, await _host.Api.LedgerTransactionCountAsync("settleHold"));
    }

    [Fact]
    public async Task Settle_racing_release_on_a_hold_in_review_lets_exactly_one_win()
    {
        var (wallet, hold) = await _host.ReserveAsync(SagaHost.Strict, "Down");
        await _host.Api.PostAsync($"/v1/holds/{hold}/submit", new { });
        await _host.RunToEndAsync(hold);

        var answers = await Task.WhenAll(
            _host.Api.PostAsync($"/v1/holds/{hold}/settle", new { }),
            _host.Api.PostAsync($"/v1/holds/{hold}/release", new { reason = "checked: never paid" }));

        Assert.Single(answers, answer => answer.Status == HttpStatusCode.OK);
        Assert.Single(answers, answer => answer.Code == "HOLD_NOT_OPEN");
        var end = await _host.StatusAsync(hold);
        Assert.Equal(end == "settled" ? ("70.00", "0.00", "0.00") : ("100.00", "0.00", "0.00"), await _host.Api.WalletBalancesAsync(wallet));
    }

    [Fact]
    public async Task An_operator_ending_the_hold_first_stops_the_saga_without_asking_the_provider_again()
    {
        var hold = await _host.SubmittedAsync(SagaHost.Strict, "PaidAfterRequeries", requeries: 5);
        await _host.RunAsync();
        Assert.Equal(HttpStatusCode.OK, (await _host.Api.PostAsync($"/v1/holds/{hold}/release", new { reason = "the partner cancelled it" })).Status);

        await _host.RunToEndAsync(hold);

        Assert.Equal("released", await _host.StatusAsync(hold));
        Assert.Equal(1, (await _host.TimelineAsync(hold)).Count(line => line.StartsWith("submit", StringComparison.Ordinal) || line.StartsWith("requery", StringComparison.Ordinal)));
        Assert.Equal(0, await _host.Api.LedgerTransactionCountAsync("settleHold"));
    }

    [Fact]
    public async Task A_contradicting_callback_before_the_money_moves_sends_the_hold_to_review()
    {
        var (wallet, hold) = await _host.ReserveAsync(SagaHost.Strict, "Paid");
        await _host.Api.PostAsync($"/v1/holds/{hold}/submit", new { });
        await _host.RunAsync();

        var callback = await _host.CallbackAsync(SagaHost.Strict, new { reference = hold, status = "failed", reason = "account_frozen" });
        await _host.RunToEndAsync(hold);

        Assert.Equal("contradicted", callback.Body.GetProperty("outcome").GetString());
        Assert.Equal("manual_review", await _host.StatusAsync(hold));
        Assert.Equal(("70.00", "30.00", "0.00"), await _host.Api.WalletBalancesAsync(wallet));
    }

    [Fact]
    public async Task Callbacks_from_the_simulator_settle_the_payout_once_even_when_delivered_twice()
    {
        var hold = await _host.SubmittedAsync(SagaHost.Deduping, "PaidAfterRequeries", requeries: 50, callbacks: "Twice");
        await _host.RunAsync();
        Assert.Equal("requery", (await _host.SagaAsync(hold)).GetProperty("step").GetString());

        var completed = await _host.CompleteAsync(hold, "paid");
        await _host.RunAsync();

        Assert.Equal(["applied", "duplicate"], completed.GetProperty("callbacks").EnumerateArray().Select(delivery => System.Text.Json.JsonDocument.Parse(delivery.GetProperty("body").GetString()!).RootElement.GetProperty("outcome").GetString()));
        Assert.Equal("settled", await _host.StatusAsync(hold));
        Assert.Equal(1, (await _host.TimelineAsync(hold)).Count(line => line.StartsWith("requery", StringComparison.Ordinal) || line.StartsWith("submit", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_stale_pending_callback_after_the_final_one_changes_nothing()
    {
        var (wallet, hold) = await _host.ReserveAsync(SagaHost.Deduping, "FailedAfterRequeries", requeries: 50, callbacks: "OutOfOrder");
        await _host.Api.PostAsync($"/v1/holds/{hold}/submit", new { });
        await _host.RunAsync();

        var completed = await _host.CompleteAsync(hold, "failed");
        await _host.RunToEndAsync(hold);

        Assert.Equal([200, 200], completed.GetProperty("callbacks").EnumerateArray().Select(delivery => delivery.GetProperty("statusCode").GetInt32()));
        Assert.Equal("released", await _host.StatusAsync(hold));
        Assert.Equal(("100.00", "0.00", "0.00"), await _host.Api.WalletBalancesAsync(wallet));
        Assert.Equal(["callback:failed", "callback:pending"], (await _host.TimelineAsync(hold)).Where(line => line.StartsWith("callback", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(SagaHost.Strict, 1)]
    [InlineData(SagaHost.Deduping, 2)]
    public async Task A_saga_whose_api_died_mid_call_is_resumed_by_another_without_paying_twice(string provider, int submits)
    {
        var hold = await _host.SubmittedAsync(provider, "Paid");
        await using (var doomed = await _host.StartBesideAsync())
        {
            // The doomed API claims the saga and submits, then dies before it can record the answer.
            var store = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<WalletFlow.Application.Payouts.Sagas.IPayoutSagaStore>(doomed.Factory.Services);
            var claimed = Assert.Single(await store.ClaimDueAsync(_host.Clock.GetUtcNow(), TimeSpan.FromMinutes(2), 10, TestContext.Current.CancellationToken));
            var providers = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<WalletFlow.Application.Payouts.Providers.IPayoutProviders>(doomed.Factory.Services);
            var answer = await providers.Find(provider)!.SubmitAsync(new(hold, 3000, "USD", "Jane Doe"), TestContext.Current.CancellationToken);
            Assert.Equal(WalletFlow.Application.Payouts.Providers.ProviderAnswerKind.Paid, answer.Kind);
            Assert.Equal(hold, claimed.Hold.ToString());
        }

        Assert.Equal(0, await _host.RunAsync());
        _host.Clock.Advance(TimeSpan.FromMinutes(3));
        await _host.RunToEndAsync(hold);

        Assert.Equal("settled", await _host.StatusAsync(hold));
        Assert.Equal(submits, await _host.SubmitsAsync(hold));
        Assert.Equal(1, await _host.Api.LedgerTransactionCountAsync("settleHold"));
    }

    [Fact]
    public async Task Two_apis_share_the_due_sagas_and_call_the_provider_once_for_each()
    {
        var holds = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            holds.Add(await _host.SubmittedAsync(SagaHost.Strict, "Paid"));
        }

        await using var second = await _host.StartBesideAsync();
        var ran = await Task.WhenAll(_host.RunAsync(), _host.RunAsync(second));
        // Every submit is claimed in this round; a settle one API scheduled may already be claimed by the other.
        Assert.True(ran.Sum() >= 12, $"{ran.Sum()} steps ran");
        await Task.WhenAll(_host.RunAsync(), _host.RunAsync(second));

        foreach (var hold in holds)
        {
            Assert.Equal("settled", await _host.StatusAsync(hold));
            Assert.Equal(1, await _host.SubmitsAsync(hold));
        }

        Assert.Equal(12, await _host.Api.LedgerTransactionCountAsync("settleHold"));
    }
}
