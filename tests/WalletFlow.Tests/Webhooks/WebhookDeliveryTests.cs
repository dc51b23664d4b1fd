using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WalletFlow.Application.Webhooks;
using WalletFlow.Postgres;
using WalletFlow.Tests.Infrastructure;

namespace WalletFlow.Tests.Webhooks;

/// <summary>
/// Partner webhooks end to end: commands commit, the relay queues a delivery per subscribed endpoint in the
/// transaction that publishes each event, and the dispatcher sends them, signed, to real receiver processes (the .NET
/// StandardWebhooks library's and the reference JavaScript library's), retrying on the schedule until a 2xx or death.
/// What a receiver keeps is counted by <c>webhook-id</c>, as a partner deduplicating by it would see it.
/// </summary>
public sealed class WebhookDeliveryTests(PostgresFixture postgres) : IAsyncLifetime
{
    // Receivers refuse a signature timestamped more than five minutes off their own clock, so a test that moves the
    // API's clock further must bring it back before the next delivery it expects verified.
    private static readonly TimeSpan SecretOverlap = TimeSpan.FromMinutes(2);

    private WebhookHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await WebhookHost.StartAsync(
        postgres, nameof(WebhookDeliveryTests), new Dictionary<string, string> { ["Webhooks:SecretOverlap"] = SecretOverlap.ToString() });

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _host.Api.AssertInvariantsAsync();
        }
        finally
        {
            await _host.DisposeAsync();
        }
    }

    [Fact]
    public async Task Each_committed_command_reaches_every_subscribed_endpoint_of_the_merchants_it_concerns_once_verified_by_both_libraries()
    {
        var payer = _host.Api.NewSlug("payer");
        var payee = _host.Api.NewSlug("payee");
        var everything = await _host.ReceiverEndpointAsync(payer, "everything");
        var port = FreePort.Pick();
        var (transfersOnly, secret) = await _host.CreateEndpointAsync(payee, new Uri($"http://127.0.0.1:{port}/"), "transfer.completed");
        await using var node = await StandardWebhooksNodeReceiver.StartAsync([secret], port);
        var bystander = await _host.ReceiverEndpointAsync(_host.Api.NewSlug("bystander"), "bystander");

        var source = await _host.Api.CreateWalletAsync(merchant: payer);
        await _host.Api.PayInAsync(source, "100.00");
        var destination = await _host.Api.CreateWalletAsync(merchant: payee);
        var transfer = await _host.Api.PostAsync("/v1/transfers", new { sourceWalletId = source, destinationWalletId = destination, amount = "25.00", currency = "USD" });
        await _host.Api.CatchUpAsync();
        await _host.DispatchAsync();
        await _host.Api.CatchUpAsync();
        await _host.DispatchAsync();

        var payerSaw = await _host.Receiver.WaitForDeliveredAsync("everything", 3, Bounded.Limit);
        Assert.All(payerSaw.Attempts, attempt => Assert.True(attempt.Verified, attempt.Body));
        Assert.Equal(
            ["createWallet.completed", "postPayin.completed", "transfer.completed"],
            payerSaw.Attempts.Select(attempt => Type(attempt.Body)).Order(StringComparer.Ordinal));
        Assert.Equal(0, payerSaw.Duplicates);
        var receipt = Assert.Single(await node.WaitForAsync(1, Bounded.Limit));
        Assert.True(receipt.Verified, receipt.Error);
        Assert.Equal("transfer.completed", receipt.Body!.Value.GetProperty("type").GetString());
        var shared = receipt.Body.Value.GetProperty("data");
        Assert.Equal(transfer.Body.GetProperty("commandId").GetString(), shared.GetProperty("commandId").GetString());
        Assert.Equal(destination, shared.GetProperty("data").GetProperty("destinationWalletId").GetString());
        Assert.False(shared.TryGetProperty("balances", out _), "a partner must not see the balances of the other side of a transfer");
        Assert.False(shared.TryGetProperty("idempotencyKey", out _), "the idempotency key belongs to the caller");
        Assert.Equal(receipt.Id, (await _host.SingleDeliveryAsync(transfersOnly)).GetProperty("eventId").GetString());
        Assert.All(await _host.DeliveriesAsync(everything), delivery => Assert.Equal("delivered", delivery.GetProperty("status").GetString()));
        Assert.Empty(await _host.DeliveriesAsync(bystander));
        Assert.Equal(0, await _host.DispatchAsync());
    }

    [Fact]
    public async Task An_endpoint_answering_500_twice_gets_the_event_on_the_third_attempt_on_schedule_with_every_attempt_kept()
    {
        var merchant = _host.Api.NewSlug("flaky");
        var endpoint = await _host.ReceiverEndpointAsync(merchant, "flaky", failTimes: 2);
        await _host.Api.CreateWalletAsync(merchant: merchant);
        await _host.Api.CatchUpAsync();

        Assert.Equal(1, await _host.DispatchAsync());
        var afterFirst = await _host.SingleDeliveryAsync(endpoint);
        Assert.Equal(("pending", 1, 500), (afterFirst.GetProperty("status").GetString(), afterFirst.GetProperty("attempts").GetInt32(), afterFirst.GetProperty("lastStatusCode").GetInt32()));
        Assert.Equal(0, await _host.DispatchAsync());
        _host.Clock.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(1, await _host.DispatchAsync());
        _host.Clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(0, await _host.DispatchAsync());
        _host.Clock.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(1, await _host.DispatchAsync());

        var delivery = await _host.SingleDeliveryAsync(endpoint);
        Assert.Equal(("delivered", 3), (delivery.GetProperty("status").GetString(), delivery.GetProperty("attempts").GetInt32()));
        var history = (await _host.DeliveryAsync(delivery.GetProperty("deliveryId").GetString()!)).GetProperty("history").EnumerateArray().ToList();
        Assert.Equal([500, 500, 204], history.Select(attempt => attempt.GetProperty("statusCode").GetInt32()));
        Assert.Equal([1, 2, 3], history.Select(attempt => attempt.GetProperty("attempt").GetInt32()));
        Assert.All(history, attempt => Assert.True(attempt.GetProperty("latencyMs").GetInt32() >= 0));
        var received = await _host.Receiver.ReceivedAsync("flaky");
        Assert.Equal([delivery.GetProperty("eventId").GetString()!], received.Delivered);
        Assert.Equal([delivery.GetProperty("eventId").GetString()!], received.Attempts.Select(attempt => attempt.Id).Distinct());
    }

    [Fact]
    public async Task An_endpoint_that_never_answers_times_out_and_the_next_attempt_delivers()
    {
        var merchant = _host.Api.NewSlug("slow");
        var endpoint = await _host.ReceiverEndpointAsync(merchant, "slow", hangTimes: 1);
        await _host.Api.CreateWalletAsync(merchant: merchant);
        await _host.Api.CatchUpAsync();

        await _host.DispatchAsync();
        var timedOut = await _host.SingleDeliveryAsync(endpoint);
        _host.Clock.Advance(TimeSpan.FromSeconds(3));
        await _host.DispatchAsync();

        Assert.Equal($"No answer within {WebhookHost.AttemptTimeout.TotalSeconds:0} s.", timedOut.GetProperty("lastError").GetString());
        Assert.Equal(JsonValueKind.Null, timedOut.GetProperty("lastStatusCode").ValueKind);
        Assert.Equal("delivered", (await _host.SingleDeliveryAsync(endpoint)).GetProperty("status").GetString());
        var received = await _host.Receiver.ReceivedAsync("slow");
        Assert.Equal([true, false], received.Attempts.Select(attempt => attempt.Hung));
        Assert.Single(received.Delivered);
    }

    [Fact]
    public async Task The_metrics_count_each_attempt_by_outcome_and_the_queue_figures_follow_what_waits()
    {
        using var recorder = new MetricsRecorder(_host.Api.Factory.Services, WebhookMetrics.MeterName);
        var metrics = _host.Api.Factory.Services.GetRequiredService<WebhookMetrics>();
        var cancellation = TestContext.Current.CancellationToken;
        var before = await metrics.RefreshAsync(cancellation);
        var merchant = _host.Api.NewSlug("metered");
        await _host.ReceiverEndpointAsync(merchant, "metered", failTimes: 1);
        await _host.Api.CreateWalletAsync(merchant: merchant);
        await _host.Api.CatchUpAsync();

        var queued = await metrics.RefreshAsync(cancellation);
        Assert.Equal((before.Pending + 1, before.Due + 1), (queued.Pending, queued.Due));
        _host.Clock.Advance(TimeSpan.FromSeconds(30));
        // The test's clock is the system clock moved on, so the real time since the delivery was queued adds to the 30 s.
        Assert.InRange(recorder.Observe("walletflow.webhooks.oldest_due_age"), 30.0, 40.0);
        Assert.Equal(queued.Pending, recorder.Observe("walletflow.webhooks.pending"));

        await _host.DispatchAsync();
        var retrying = await metrics.RefreshAsync(cancellation);
        Assert.Equal((queued.Pending, queued.Due - 1), (retrying.Pending, retrying.Due));
        _host.Clock.Advance(TimeSpan.FromSeconds(3));
        await _host.DispatchAsync();

        Assert.Equal([(1, "outcome=failed"), (1, "outcome=delivered")], recorder.Tagged("walletflow.webhooks.attempts"));
        Assert.Equal(2, recorder.Values("walletflow.webhooks.attempt_duration").Count);
        Assert.Equal(before.Pending, (await metrics.RefreshAsync(cancellation)).Pending);
    }

    [Fact]
    public async Task A_delivery_failing_through_its_whole_schedule_is_dead_with_its_history_and_a_replay_delivers_it_under_the_same_id()
    {
        var merchant = _host.Api.NewSlug("down");
        var (endpoint, secret) = await _host.CreateEndpointAsync(merchant, _host.Receiver.UrlOf("down"));
        await _host.Receiver.ConfigureAsync("down", [secret], failTimes: int.MaxValue);
        await _host.Api.CreateWalletAsync(merchant: merchant);
        await _host.Api.CatchUpAsync();

        var moved = TimeSpan.Zero;
        for (var attempt = 1; attempt <= RetrySchedule.Attempts; attempt++)
        {
            Assert.Equal(1, await _host.DispatchAsync());
            _host.Clock.Advance(TimeSpan.FromDays(1));
            moved += TimeSpan.FromDays(1);
        }

        var dead = await _host.SingleDeliveryAsync(endpoint);
        Assert.Equal(("dead", RetrySchedule.Attempts), (dead.GetProperty("status").GetString(), dead.GetProperty("attempts").GetInt32()));
        Assert.Equal(JsonValueKind.Null, dead.GetProperty("nextAttemptAt").ValueKind);
        Assert.Equal(0, await _host.DispatchAsync());
        Assert.Single(await _host.DeliveriesAsync(endpoint, "dead"));
        var deliveryId = dead.GetProperty("deliveryId").GetString()!;
        _host.Clock.Advance(-moved);
        await _host.Receiver.ConfigureAsync("down", [secret]);

        var replayed = await _host.Api.PostAsync($"/v1/webhook-deliveries/{deliveryId}/replay", new { });
        Assert.True(replayed.Status == HttpStatusCode.OK, replayed.Body.ToString());
        Assert.Equal("pending", replayed.Data.GetProperty("status").GetString());
        Assert.Equal(1, await _host.DispatchAsync());

        var delivered = await _host.DeliveryAsync(deliveryId);
        Assert.Equal("delivered", delivered.GetProperty("delivery").GetProperty("status").GetString());
        Assert.Equal(RetrySchedule.Attempts + 1, delivered.GetProperty("history").GetArrayLength());
        Assert.Equal([dead.GetProperty("eventId").GetString()!], (await _host.Receiver.ReceivedAsync("down")).Delivered);
    }

    [Fact]
    public async Task A_discarded_delivery_is_not_attempted_again()
    {
        var merchant = _host.Api.NewSlug("discard");
        var endpoint = await _host.ReceiverEndpointAsync(merchant, "discard", failTimes: 1);
        await _host.Api.CreateWalletAsync(merchant: merchant);
        await _host.Api.CatchUpAsync();
        await _host.DispatchAsync();
        var deliveryId = (await _host.SingleDeliveryAsync(endpoint)).GetProperty("deliveryId").GetString()!;

        var discarded = await _host.Api.PostAsync($"/v1/webhook-deliveries/{deliveryId}/discard", new { });
        _host.Clock.Advance(TimeSpan.FromMinutes(5));

        Assert.True(discarded.Status == HttpStatusCode.OK, discarded.Body.ToString());
        Assert.Equal(0, await _host.DispatchAsync());
        var delivery = await _host.SingleDeliveryAsync(endpoint);
        Assert.Equal(("discarded", 1), (delivery.GetProperty("status").GetString(), delivery.GetProperty("attempts").GetInt32()));
        Assert.Empty((await _host.Receiver.ReceivedAsync("discard")).Delivered);
    }

    [Fact]
    public async Task Replaying_a_pending_delivery_or_discarding_a_delivered_one_is_refused_and_changes_nothing()
    {
        var merchant = _host.Api.NewSlug("moves");
        var endpoint = await _host.ReceiverEndpointAsync(merchant, "moves", failTimes: 1);
        await _host.Api.CreateWalletAsync(merchant: merchant);
        await _host.Api.CatchUpAsync();
        var pending = await _host.SingleDeliveryAsync(endpoint);
        var deliveryId = pending.GetProperty("deliveryId").GetString()!;

        var replay = await _host.Api.PostAsync($"/v1/webhook-deliveries/{deliveryId}/replay", new { });
        replay.AssertRejected(HttpStatusCode.Conflict, "CONFLICT");
        Assert.Equal($"Delivery {deliveryId} is pending; only a dead or discarded or delivered delivery can be replayed.", replay.Body.GetProperty("detail").GetString());
        Assert.Equal(pending.ToString(), (await _host.SingleDeliveryAsync(endpoint)).ToString());

        await _host.DispatchAsync();
        _host.Clock.Advance(TimeSpan.FromSeconds(3));
        await _host.DispatchAsync();
        (await _host.Api.PostAsync($"/v1/webhook-deliveries/{deliveryId}/discard", new { })).AssertRejected(HttpStatusCode.Conflict, "CONFLICT");
        Assert.Equal("delivered", (await _host.SingleDeliveryAsync(endpoint)).GetProperty("status").GetString());
        (await _host.Api.PostAsync("/v1/webhook-deliveries/whd_999999/replay", new { })).AssertRejected(HttpStatusCode.NotFound, "NOT_FOUND");
        (await _host.Api.PostAsync("/v1/webhook-deliveries/evt_1/discard", new { })).AssertRejected(HttpStatusCode.BadRequest, "INVALID_ID");
    }

    [Fact]
    public async Task After_a_rotation_both_secrets_sign_until_the_overlap_ends_then_only_the_new_one()
    {
        var merchant = _host.Api.NewSlug("rotating");
        var (endpoint, oldSecret) = await _host.CreateEndpointAsync(merchant, _host.Receiver.UrlOf("rotating"));

        var rotated = await _host.Api.PostAsync($"/v1/webhook-endpoints/{endpoint}/rotate-secret", new { });
        Assert.True(rotated.Status == HttpStatusCode.OK, rotated.Body.ToString());
        var newSecret = rotated.Data.GetProperty("secret").GetString()!;
        Assert.StartsWith(WebhookSecret.Prefix, newSecret, StringComparison.Ordinal);
        Assert.NotEqual(oldSecret, newSecret);
        Assert.Equal(_host.Clock.GetUtcNow() + SecretOverlap, rotated.Data.GetProperty("previousSecretValidUntil").GetDateTimeOffset(), TimeSpan.FromSeconds(5));

        Assert.True(await VerifiedWithAsync(newSecret), "the new secret signs at once");
        Assert.True(await VerifiedWithAsync(oldSecret), "the old secret still signs during the overlap");
        await using (var node = await StandardWebhooksNodeReceiverWithOldSecretAsync())
        {
            Assert.True(Assert.Single(await node.WaitForAsync(1, Bounded.Limit)).Verified, "the JavaScript library accepts the two-signature header");
        }

        _host.Clock.Advance(SecretOverlap + TimeSpan.FromSeconds(5));
        Assert.True(await VerifiedWithAsync(newSecret));
        Assert.False(await VerifiedWithAsync(oldSecret), "after the overlap the old secret no longer signs");

        async Task<bool> VerifiedWithAsync(string secret)
        {
            await _host.Receiver.ConfigureAsync("rotating", [secret]);
            await _host.Api.CreateWalletAsync(merchant: merchant);
            await _host.Api.CatchUpAsync();
            await _host.DispatchAsync();
            return Assert.Single((await _host.Receiver.ReceivedAsync("rotating")).Attempts).Verified;
        }

        async Task<StandardWebhooksNodeReceiver> StandardWebhooksNodeReceiverWithOldSecretAsync()
        {
            var port = FreePort.Pick();
            var nodeMerchant = _host.Api.NewSlug("rotating-node");
            var (nodeEndpoint, nodeOld) = await _host.CreateEndpointAsync(nodeMerchant, new Uri($"http://127.0.0.1:{port}/"));
            Assert.Equal(HttpStatusCode.OK, (await _host.Api.PostAsync($"/v1/webhook-endpoints/{nodeEndpoint}/rotate-secret", new { })).Status);
            var node = await StandardWebhooksNodeReceiver.StartAsync([nodeOld], port);
            await _host.Api.CreateWalletAsync(merchant: nodeMerchant);
            await _host.Api.CatchUpAsync();
            await _host.DispatchAsync();
            return node;
        }
    }

    [Fact]
    public async Task The_invariants_catch_an_event_that_lost_its_delivery()
    {
        var merchant = _host.Api.NewSlug("lost");
        var endpoint = await _host.ReceiverEndpointAsync(merchant, "lost");
        await _host.Api.CreateWalletAsync(merchant: merchant);
        await _host.Api.CatchUpAsync();
        var eventId = await _host.Api.ScalarAsync<long>($"delete from core.webhook_deliveries where endpoint_id = '{endpoint}' returning event_id");

        var violations = await InvariantChecks.WalletCoreViolationsAsync(_host.Api.Database, "main");

        Assert.Contains($"event {eventId} has no delivery to endpoint {endpoint}", violations);
        await _host.Api.ScalarAsync<int>(
            $"insert into core.webhook_deliveries (endpoint_id, event_id, event_type, next_attempt_at, created_at) select '{endpoint}', id, event_type, now(), now() from core.outbox where id = {eventId} returning 1");
    }

    private static string Type(string body)
    {
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("type").GetString()!;
    }
}
