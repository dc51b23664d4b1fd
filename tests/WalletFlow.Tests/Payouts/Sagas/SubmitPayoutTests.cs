using System.Net;
using System.Text.Json;
using WalletFlow.Api.Payouts.Providers;
using WalletFlow.Tests.Infrastructure;

namespace WalletFlow.Tests.Payouts.Sagas;

/// <summary>
/// Submitting a payout, reading it with its timeline, the stuck-hold sweeper and the providers' health: what a partner
/// and an operator see, and every refusal leaving the hold where it was.
/// </summary>
public sealed class SubmitPayoutTests(PostgresFixture postgres) : IAsyncLifetime
{
    private SagaHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await SagaHost.StartAsync(postgres, nameof(SubmitPayoutTests));

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Submit_moves_the_hold_to_submitted_and_starts_its_saga_due_at_once()
    {
        var (wallet, hold) = await _host.ReserveAsync(SagaHost.Strict, "Paid");

        var submitted = await _host.Api.PostAsync($"/v1/holds/{hold}/submit", new { });

        Assert.Equal(HttpStatusCode.OK, submitted.Status);
        Assert.Equal("submitted", submitted.Data.GetProperty("status").GetString());
        Assert.Empty(submitted.Body.GetProperty("postings").EnumerateArray());
        var payout = await _host.PayoutAsync(hold);
        Assert.Equal("submitted", payout.GetProperty("hold").GetProperty("status").GetString());
        var saga = payout.GetProperty("saga");
        Assert.Equal("submit", saga.GetProperty("step").GetString());
        Assert.Equal(0, saga.GetProperty("attempts").GetInt32());
        Assert.True(saga.GetProperty("nextDueAt").GetDateTimeOffset() <= _host.Clock.GetUtcNow());
        var transitions = payout.GetProperty("timeline").EnumerateArray().ToList();
        Assert.Equal(["reserved", "submitted"], transitions.Select(entry => entry.GetProperty("status").GetString()));
        Assert.All(transitions, entry => Assert.StartsWith("wtx_", entry.GetProperty("commandId").GetString(), StringComparison.Ordinal));
        Assert.Equal(("70.00", "30.00", "0.00"), await _host.Api.WalletBalancesAsync(wallet));
    }

    [Fact]
    public async Task Submit_again_under_its_key_replays_and_under_another_is_refused()
    {
        var (_, hold) = await _host.ReserveAsync(SagaHost.Strict, "Paid");
        var key = _host.Api.NewKey();
        Assert.Equal(HttpStatusCode.OK, (await _host.Api.PostAsync($"/v1/holds/{hold}/submit", new { }, key)).Status);

        var replayed = await _host.Api.PostAsync($"/v1/holds/{hold}/submit", new { }, key);
        var refused = await _host.Api.PostAsync($"/v1/holds/{hold}/submit", new { });

        Assert.True(replayed.Replayed);
        refused.AssertRejected(HttpStatusCode.Conflict, "HOLD_NOT_OPEN");
        Assert.Equal(1L, await _host.Api.ScalarAsync<long>($"select count(*) from core.payout_sagas where hold_id = '{hold}'"));
    }

    [Fact]
    public async Task Submit_through_a_provider_that_is_not_configured_is_refused_and_the_hold_stays_reserved()
    {
        var (_, hold) = await _host.ReserveAsync("wise", "Paid");

        var refused = await _host.Api.PostAsync($"/v1/holds/{hold}/submit", new { });

        refused.AssertRejected(HttpStatusCode.UnprocessableEntity, "PROVIDER_UNKNOWN");
        Assert.Contains("wise", refused.Body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("reserved", await _host.StatusAsync(hold));
        Assert.Equal(JsonNull, (await _host.PayoutAsync(hold)).GetProperty("saga").ValueKind);
    }

    [Theory]
    [InlineData("hold_nope", HttpStatusCode.BadRequest, "INVALID_ID")]
    [InlineData("hold_019a0000000070008000000000000001", HttpStatusCode.NotFound, "NOT_FOUND")]
    public async Task Submit_and_read_of_a_hold_that_is_not_one_are_refused(string hold, HttpStatusCode status, string code)
    {
        (await _host.Api.PostAsync($"/v1/holds/{hold}/submit", new { })).AssertRejected(status, code);
        (await _host.Api.GetAsync($"/v1/payouts/{hold}")).AssertRejected(status, code);
        Assert.Equal(0L, await _host.Api.ScalarAsync<long>("select count(*) from core.payout_sagas"));
    }

    [Fact]
    public async Task A_settled_hold_cannot_be_submitted()
    {
        var (_, hold) = await _host.ReserveAsync(SagaHost.Strict, "Paid");
        Assert.Equal(HttpStatusCode.OK, (await _host.Api.PostAsync($"/v1/holds/{hold}/settle", new { })).Status);

        (await _host.Api.PostAsync($"/v1/holds/{hold}/submit", new { })).AssertRejected(HttpStatusCode.Conflict, "HOLD_NOT_OPEN");
        Assert.Equal(0L, await _host.Api.ScalarAsync<long>("select count(*) from core.payout_sagas"));
    }

    [Fact]
    public async Task Holds_left_reserved_past_the_threshold_are_marked_stuck_once()
    {
        var (_, stuck) = await _host.ReserveAsync(SagaHost.Strict, "Paid");
        var (_, submitted) = await _host.ReserveAsync(SagaHost.Strict, "Paid");
        await _host.Api.PostAsync($"/v1/holds/{submitted}/submit", new { });
        var runner = _host.Runner();

        Assert.Equal(0, await runner.SweepStuckAsync(TestContext.Current.CancellationToken));
        _host.Clock.Advance(TimeSpan.FromMinutes(31));
        Assert.Equal(1, await runner.SweepStuckAsync(TestContext.Current.CancellationToken));
        Assert.Equal(0, await runner.SweepStuckAsync(TestContext.Current.CancellationToken));

        var hold = (await _host.PayoutAsync(stuck)).GetProperty("hold");
        Assert.True(hold.GetProperty("stuckSince").GetDateTimeOffset() > hold.GetProperty("createdAt").GetDateTimeOffset());
        Assert.Equal("stuck:reserved", (await _host.TimelineAsync(stuck))[^1]);
        Assert.Equal(JsonNull, (await _host.PayoutAsync(submitted)).GetProperty("hold").GetProperty("stuckSince").ValueKind);
    }

    [Fact]
    public async Task Provider_health_counts_the_answered_and_ambiguous_calls_of_its_window_for_operators_only()
    {
        await _host.SubmittedAsync(SagaHost.Strict, "Paid");
        await _host.RunAsync();
        var healthy = await StrictHealthAsync();
        for (var down = 0; down < ProviderHealth.MinimumCalls; down++)
        {
            await _host.SubmittedAsync(SagaHost.Strict, "Down");
        }

        await _host.RunAsync();
        var degraded = await StrictHealthAsync();
        _host.Clock.Advance(ProviderHealth.Window + TimeSpan.FromSeconds(1));
        var idle = await StrictHealthAsync();
        using var anonymous = _host.Api.Factory.CreateClient();
        using var refused = await anonymous.GetAsync(new Uri("/health/providers", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(("healthy", 1, 1), (healthy.GetProperty("status").GetString(), healthy.GetProperty("calls").GetInt32(), healthy.GetProperty("answered").GetInt32()));
        Assert.True(healthy.GetProperty("latencyP50Milliseconds").GetDouble() > 0);
        Assert.Equal(("degraded", 1 + ProviderHealth.MinimumCalls, 1), (degraded.GetProperty("status").GetString(), degraded.GetProperty("calls").GetInt32(), degraded.GetProperty("answered").GetInt32()));
        Assert.Equal("closed", degraded.GetProperty("circuit").GetString());
        Assert.Equal(("idle", 0), (idle.GetProperty("status").GetString(), idle.GetProperty("calls").GetInt32()));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    private async Task<JsonElement> StrictHealthAsync()
    {
        var health = await _host.Api.GetAsync("/health/providers");
        Assert.Equal(HttpStatusCode.OK, health.Status);
        Assert.Equal("idle", Provider(health.Body, SagaHost.Deduping).GetProperty("status").GetString());
        return Provider(health.Body, SagaHost.Strict);

        static JsonElement Provider(JsonElement body, string name) =>
            body.GetProperty("providers").EnumerateArray().Single(provider => provider.GetProperty("name").GetString() == name);
    }

    [Fact]
    public async Task The_provider_event_log_lists_every_call_and_callback_newest_first()
    {
        var hold = await _host.SubmittedAsync(SagaHost.Strict, "PaidAfterRequeries", requeries: 5);
        await _host.RunAsync();
        await _host.CallbackAsync(SagaHost.Strict, new { reference = hold, status = "paid" });

        var events = await _host.Api.GetAsync("/v1/provider-events");

        Assert.Equal(HttpStatusCode.OK, events.Status);
        Assert.Equal(["callback", "submit"], events.Body.GetProperty("items").EnumerateArray().Select(entry => entry.GetProperty("kind").GetString()));
        Assert.All(events.Body.GetProperty("items").EnumerateArray(), entry => Assert.Equal(hold, entry.GetProperty("holdId").GetString()));
    }

    private const System.Text.Json.JsonValueKind JsonNull = System.Text.Json.JsonValueKind.Null;
}
