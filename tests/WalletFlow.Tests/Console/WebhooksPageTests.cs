using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Html.Dom;
using Microsoft.Extensions.DependencyInjection;
using WalletFlow.Application.Webhooks;
using WalletFlow.Tests.Infrastructure;

namespace WalletFlow.Tests.Console;

/// <summary>
/// The Webhooks page as an operator reads it (prerendered): endpoints added through the API, listed without their
/// secrets; the queue the outbox relay fills and its state filter; a delivery to a closed port that runs out of
/// retries, in "Dead in the last 7 days" with Replay offered, and its attempts on its own page; the sign-in wall. The
/// relay and the dispatcher are off in the test host: a test drains the outbox and dispatches itself, moving the
/// host's clock past each retry wait, so nothing sleeps. Every test works on a merchant of its own.
/// </summary>
public sealed class WebhooksPageTests(WebhooksPageTests.Partners partners) : IClassFixture<WebhooksPageTests.Partners>, IAsyncLifetime
{
    /// <summary>The discard port on loopback, where nothing listens: every attempt is refused at once.</summary>
    private const string ClosedPort = "http://127.0.0.1:9/";

    private readonly WalletCoreHost _host = partners.Host;
    private HttpClient _console = null!;

    public ValueTask InitializeAsync()
    {
        _console = _host.Factory.CreateClient(new() { AllowAutoRedirect = false });
        _console.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", WalletCoreHost.Token);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        _console.Dispose();
        await _host.AssertInvariantsAsync();
    }

    [Fact]
    public async Task An_endpoint_added_through_the_api_is_listed_with_its_subscription_and_never_with_its_secret()
    {
        var merchant = _host.NewSlug("listed");
        var created = await _host.PostAsync("/v1/webhook-endpoints", new { merchantId = merchant, url = ClosedPort + merchant, eventTypes = "createWallet.completed", description = "Ledger sync" });
        Assert.Equal(HttpStatusCode.Created, created.Status);
        var endpoint = created.Data.GetProperty("endpointId").GetString()!;
        var secret = created.Data.GetProperty("secret").GetString()!;

        var page = await GetAsync("/ops/webhooks");
        var receipt = await GetAsync($"/ops/wallet-transactions/{created.Body.GetProperty("commandId").GetString()}");

        var row = page.QuerySelector($"tr.endpoint-row-{endpoint}")!;
        Assert.Equal(ClosedPort + merchant, row.QuerySelector("[data-testid=endpoint-url]")!.TextContent.Trim());
        Assert.Contains(merchant, row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Ledger sync", row.TextContent, StringComparison.Ordinal);
        Assert.Equal("createWallet.completed", row.QuerySelector("[data-testid=endpoint-events]")!.TextContent.Trim());
        Assert.Equal("enabled", row.QuerySelector("[data-testid=endpoint-enabled]")!.TextContent.Trim());
        Assert.Null(row.QuerySelector("[data-testid=endpoint-rotating]"));
        Assert.Contains("command=rotateWebhookSecret", row.QuerySelector("[data-testid=rotate-secret]")!.GetAttribute("href"), StringComparison.Ordinal);
        AssertNowhere(secret, page);
        // The command's stored receipt is on its WalletFlow transaction page, but not the secret in it.
        Assert.Equal("shown once, in the answer to the command", receipt.QuerySelector("[data-testid=receipt-data-value][data-name=secret]")!.TextContent.Trim());
        AssertNowhere(secret, receipt);
    }

    [Fact]
    public async Task A_rotated_endpoint_says_until_when_it_is_rotating_and_its_row_opens_the_rotate_form_prefilled()
    {
        var merchant = _host.NewSlug("rotated");
        var endpoint = await CreateEndpointAsync(merchant);
        var rotated = await _host.PostAsync($"/v1/webhook-endpoints/{endpoint}/rotate-secret", new { });
        Assert.Equal(HttpStatusCode.OK, rotated.Status);
        var until = rotated.Data.GetProperty("previousSecretValidUntil").GetDateTimeOffset();

        var page = await GetAsync("/ops/webhooks");
        var form = await GetAsync(page.QuerySelector($"tr.endpoint-row-{endpoint} [data-testid=rotate-secret]")!.GetAttribute("href")!);

        Assert.Equal($"rotating until {until.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC", page.QuerySelector($"tr.endpoint-row-{endpoint} [data-testid=endpoint-rotating]")!.TextContent.Trim());
        AssertNowhere(rotated.Data.GetProperty("secret").GetString()!, page);
        var action = form.QuerySelector("[data-testid=webhook-action]")!;
        Assert.NotNull(action.QuerySelector("form[data-command=rotateWebhookSecret]"));
        Assert.Equal(endpoint, action.QuerySelector("fluent-text-input[name=endpointId]")!.GetAttribute("value"));
    }

    [Fact]
    public async Task A_delivery_is_queued_for_the_endpoint_once_the_merchants_wallet_is_created_and_the_relay_has_run()
    {
        var merchant = _host.NewSlug("queued");
        var endpoint = await CreateEndpointAsync(merchant);
        await _host.CreateWalletAsync(merchant: merchant);
        var before = await GetAsync($"/ops/webhooks?endpoint={endpoint}");

        await _host.CatchUpAsync();
        var delivery = Assert.Single(await DeliveriesAsync(endpoint));
        var page = await GetAsync($"/ops/webhooks?endpoint={endpoint}");

        Assert.Empty(before.QuerySelectorAll("tr.delivery-row"));
        var row = Assert.Single(page.QuerySelectorAll("tr.delivery-row"));
        Assert.Contains($"delivery-row-{delivery.DeliveryId}", row.ClassList);
        Assert.Equal(delivery.DeliveryId, row.QuerySelector("[data-testid=webhook-delivery-link]")!.TextContent.Trim());
        Assert.Equal("createWallet.completed", row.QuerySelector("[data-testid=delivery-event-type]")!.TextContent.Trim());
        Assert.Equal(delivery.EventId, row.QuerySelector("[data-testid=delivery-event-id]")!.TextContent.Trim());
        Assert.Contains(ClosedPort + merchant, row.TextContent, StringComparison.Ordinal);
        Assert.Equal("pending", row.QuerySelector("[data-testid=delivery-state]")!.TextContent.Trim());
        Assert.Contains("command=discardWebhookDelivery", row.QuerySelector("[data-testid=discard-delivery]")!.GetAttribute("href"), StringComparison.Ordinal);
        Assert.Null(row.QuerySelector("[data-testid=replay-delivery]"));
        Assert.Equal("1", page.QuerySelector($"tr.endpoint-row-{endpoint} [data-testid=endpoint-pending]")!.TextContent.Trim());
        Assert.Equal((Figure(before, "queue-pending") + 1, Figure(before, "queue-due") + 1), (Figure(page, "queue-pending"), Figure(page, "queue-due")));
        Assert.StartsWith("The longest overdue delivery has waited", page.QuerySelector("[data-testid=queue-lag]")!.TextContent.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_state_filter_shows_only_the_deliveries_in_the_chosen_state()
    {
        var merchant = _host.NewSlug("filtered");
        var endpoint = await CreateEndpointAsync(merchant);
        await _host.CreateWalletAsync(merchant: merchant);
        await _host.CreateWalletAsync(merchant: merchant);
        await _host.CatchUpAsync();
        var (kept, discarded) = await DeliveriesAsync(endpoint) switch { [var newer, var older] => (newer.DeliveryId, older.DeliveryId), var other => throw new InvalidOperationException($"{other.Count} deliveries") };
        Assert.Equal(HttpStatusCode.OK, (await _host.PostAsync($"/v1/webhook-deliveries/{discarded}/discard", new { })).Status);

        var pending = await GetAsync("/ops/webhooks?status=pending");
        var gone = await GetAsync("/ops/webhooks?status=discarded");
        var all = await GetAsync("/ops/webhooks");

        Assert.Equal(["pending"], States(pending).Distinct());
        Assert.Contains(kept, Ids(pending));
        Assert.DoesNotContain(discarded, Ids(pending));
        Assert.Equal(["discarded"], States(gone).Distinct());
        Assert.Contains(discarded, Ids(gone));
        Assert.DoesNotContain(kept, Ids(gone));
        Assert.Contains(kept, Ids(all));
        Assert.Contains(discarded, Ids(all));
        Assert.Equal("page", gone.QuerySelector("[data-testid=state-discarded]")!.GetAttribute("aria-current"));
        Assert.Null(gone.QuerySelector("[data-testid=state-all]")!.GetAttribute("aria-current"));
        Assert.Equal("/ops/webhooks?status=dead#queue", all.QuerySelector("[data-testid=state-dead]")!.GetAttribute("href"));
        Assert.Contains("command=replayWebhookDelivery", gone.QuerySelector($"tr.delivery-row-{discarded} [data-testid=replay-delivery]")!.GetAttribute("href"), StringComparison.Ordinal);
        Assert.Null(gone.QuerySelector($"tr.delivery-row-{discarded} [data-testid=discard-delivery]"));
    }

    [Fact]
    public async Task A_delivery_whose_retries_ran_out_is_listed_as_dead_in_the_last_7_days_with_replay_prefilled()
    {
        var delivery = await DeadDeliveryAsync(_host.NewSlug("dead"));

        var page = await GetAsync("/ops/webhooks");
        var replay = page.QuerySelector($"[data-testid=dead-week] tr.dead-row-{delivery} [data-testid=replay-delivery]")!.GetAttribute("href")!;
        var form = await GetAsync(replay);
        var queue = await GetAsync("/ops/webhooks?status=dead");

        Assert.Contains("Connection refused", page.QuerySelector($"tr.dead-row-{delivery} [data-testid=delivery-answer]")!.TextContent, StringComparison.OrdinalIgnoreCase);
        // Two reads agree: the figure's count and the table's list (the class's other deliveries die with this one).
        Assert.Equal(page.QuerySelectorAll("[data-testid=dead-table] tr.dead-row").Length, Figure(page, "queue-dead"));
        var action = form.QuerySelector("[data-testid=webhook-action]")!;
        Assert.NotNull(action.QuerySelector("form[data-command=replayWebhookDelivery]"));
        Assert.Equal(delivery, action.QuerySelector("fluent-text-input[name=deliveryId]")!.GetAttribute("value"));
        var row = queue.QuerySelector($"tr.delivery-row-{delivery}")!;
        Assert.Equal("dead", row.QuerySelector("[data-testid=delivery-state]")!.TextContent.Trim());
        Assert.NotNull(row.QuerySelector("[data-testid=replay-delivery]"));
        Assert.NotNull(row.QuerySelector("[data-testid=discard-delivery]"));
    }

    [Fact]
    public async Task A_dead_deliverys_page_lists_every_attempt_with_when_it_started_and_why_it_failed()
    {
        var delivery = await DeadDeliveryAsync(_host.NewSlug("attempts"));
        var detail = (await Queries.GetDeliveryAsync(delivery, TestContext.Current.CancellationToken)).Value;

        var page = await GetAsync($"/ops/webhooks/deliveries/{delivery}");

        Assert.Equal("dead", page.QuerySelector("[data-testid=delivery-summary] [data-testid=delivery-state]")!.TextContent.Trim());
        Assert.Equal(RetrySchedule.Attempts.ToString(System.Globalization.CultureInfo.InvariantCulture), page.QuerySelector("[data-testid=delivery-attempts]")!.TextContent.Trim());
        var rows = page.QuerySelectorAll("[data-testid=attempts-table] tr.attempt-row").ToList();
        Assert.Equal(RetrySchedule.Attempts, rows.Count);
        Assert.Equal(detail.History.Count, rows.Count);
        foreach (var (row, attempt) in rows.Zip(detail.History))
        {
            var cells = row.QuerySelectorAll("td").Select(cell => cell.TextContent.Trim()).ToList();
            Assert.Equal(attempt.Attempt.ToString(System.Globalization.CultureInfo.InvariantCulture), cells[0]);
            Assert.Equal(attempt.StartedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture), cells[1]);
            Assert.Equal("—", cells[2]);
            Assert.Equal(attempt.Error, cells[4]);
        }

        Assert.Contains("command=replayWebhookDelivery", page.QuerySelector("[data-testid=replay-delivery]")!.GetAttribute("href"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_anonymous_caller_is_sent_to_the_login_page()
    {
        using var anonymous = _host.Factory.CreateClient(new() { AllowAutoRedirect = false });

        foreach (var path in new[] { "/ops/webhooks?status=dead", "/ops/webhooks/deliveries/whd_1" })
        {
            using var response = await anonymous.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);

            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/ops/login", response.Headers.Location?.AbsolutePath);
            Assert.Contains(Uri.EscapeDataString(path), response.Headers.Location?.Query, StringComparison.Ordinal);
        }
    }

    private WebhookQueries Queries => _host.Factory.Services.GetRequiredService<WebhookQueries>();

    private async Task<string> CreateEndpointAsync(string merchant)
    {
        var created = await _host.PostAsync("/v1/webhook-endpoints", new { merchantId = merchant, url = ClosedPort + merchant });
        Assert.Equal(HttpStatusCode.Created, created.Status);
        return created.Data.GetProperty("endpointId").GetString()!;
    }

    /// <summary>The endpoint's deliveries, newest first.</summary>
    private async Task<IReadOnlyList<WebhookDeliveryData>> DeliveriesAsync(string endpoint) =>
        (await Queries.ListDeliveriesAsync(null, endpoint, null, null, null, TestContext.Current.CancellationToken)).Value.Items;

    /// <summary>
    /// A delivery of the merchant's new wallet to a closed port, attempted until it is dead: each pass sends what is
    /// due, then the clock moves past the wait the schedule sets after that many failures.
    /// </summary>
    private async Task<string> DeadDeliveryAsync(string merchant)
    {
        var endpoint = await CreateEndpointAsync(merchant);
        await _host.CreateWalletAsync(merchant: merchant);
        await _host.CatchUpAsync();
        var delivery = Assert.Single(await DeliveriesAsync(endpoint)).DeliveryId;
        var dispatcher = _host.Factory.Services.GetRequiredService<WebhookDispatcher>();
        for (var failures = 1; failures <= RetrySchedule.Attempts; failures++)
        {
            await dispatcher.DispatchDueAsync(TestContext.Current.CancellationToken);
            partners.Clock.Advance((RetrySchedule.After(failures) ?? TimeSpan.Zero) + TimeSpan.FromSeconds(1));
        }

        var dead = (await Queries.GetDeliveryAsync(delivery, TestContext.Current.CancellationToken)).Value.Delivery;
        Assert.Equal(("dead", RetrySchedule.Attempts), (dead.Status, dead.Attempts));
        return delivery;
    }

    private async Task<IHtmlDocument> GetAsync(string path)
    {
        using var response = await _console.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ConsoleClient.ParseAsync(response);
    }

    private static long Figure(IHtmlDocument page, string testId) =>
        long.Parse(page.QuerySelector($"[data-testid={testId}]")!.TextContent.Trim(), System.Globalization.NumberStyles.AllowThousands, System.Globalization.CultureInfo.InvariantCulture);

    private static IEnumerable<string> States(IHtmlDocument page) =>
        page.QuerySelectorAll("[data-testid=queue-table] tr.delivery-row [data-testid=delivery-state]").Select(state => state.TextContent.Trim());

    private static IEnumerable<string> Ids(IHtmlDocument page) =>
        page.QuerySelectorAll("[data-testid=queue-table] tr.delivery-row [data-testid=webhook-delivery-link]").Select(link => link.TextContent.Trim());

    /// <summary>Neither in the text nor in an attribute: a secret is base64, so its body is looked for too.</summary>
    private static void AssertNowhere(string secret, IHtmlDocument page)
    {
        var html = page.DocumentElement.OuterHtml;
        Assert.DoesNotContain(secret, html, StringComparison.Ordinal);
        Assert.DoesNotContain(secret[WebhookSecret.Prefix.Length..], html, StringComparison.Ordinal);
    }

    /// <summary>
    /// The class's API, on the clock its dead-delivery tests move. The clock only moves forward, about two days a dead
    /// delivery, so every delivery of the class stays well inside the page's last 7 days.
    /// </summary>
    public sealed class Partners(PostgresFixture postgres) : SharedWalletCoreHost(postgres)
    {
        public AdjustableClock Clock { get; } = new();

        protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);
    }
}
