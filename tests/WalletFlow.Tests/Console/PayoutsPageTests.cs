using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Html.Dom;
using WalletFlow.Tests.Infrastructure;
using WalletFlow.Tests.Payouts.Sagas;

namespace WalletFlow.Tests.Console;

/// <summary>
/// The Payouts page and the Controls page as an operator reads them (prerendered): a payout's saga and timeline, the
/// manual-review playbook's prefilled Settle and Release, Submit on a reserved hold, the stuck badge, and the
/// provider-event log.
/// </summary>
public sealed class PayoutsPageTests(PostgresFixture postgres) : IAsyncLifetime
{
    private SagaHost _host = null!;
    private HttpClient _console = null!;

    public async ValueTask InitializeAsync()
    {
        _host = await SagaHost.StartAsync(postgres, nameof(PayoutsPageTests));
        _console = _host.Api.Factory.CreateClient(new() { AllowAutoRedirect = false });
        _console.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", WalletCoreHost.Token);
    }

    public async ValueTask DisposeAsync()
    {
        _console.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task An_open_payout_shows_its_saga_and_every_line_of_its_timeline()
    {
        var hold = await _host.SubmittedAsync(SagaHost.Strict, "Paid");
        await _host.RunToEndAsync(hold);

        var page = await GetAsync($"/ops/payouts?holdId={hold}");

        var detail = page.QuerySelector("[data-testid=payout-detail]")!;
        Assert.Equal("settled", detail.QuerySelector("[data-testid=payout-status]")!.TextContent.Trim());
        Assert.Equal("done", detail.QuerySelector("[data-testid=saga-step]")!.TextContent.Trim());
        Assert.Equal("1", detail.QuerySelector("[data-testid=saga-attempts]")!.TextContent.Trim());
        var events = detail.QuerySelectorAll("[data-testid=payout-timeline] tr.payout-event").Select(row => row.ClassList.Last()).ToList();
        Assert.Equal(["payout-event-transition", "payout-event-transition", "payout-event-submit", "payout-event-transition"], events);
        Assert.Contains("paid", detail.QuerySelector("[data-testid=payout-timeline] tr.payout-event-submit")!.TextContent, StringComparison.Ordinal);
        Assert.Null(detail.QuerySelector("[data-testid=review-actions]"));
    }

    [Fact]
    public async Task A_payout_in_manual_review_offers_settle_and_release_prefilled_with_its_hold()
    {
        var hold = await _host.SubmittedAsync(SagaHost.Strict, "Down");
        await _host.RunToEndAsync(hold);

        var page = await GetAsync($"/ops/payouts?holdId={hold}");

        var detail = page.QuerySelector("[data-testid=payout-detail]")!;
        Assert.Equal("manual_review", detail.QuerySelector("[data-testid=payout-status]")!.TextContent.Trim());
        Assert.Contains($"after {SagaHost.MaxAttempts} calls", detail.QuerySelector("[data-testid=payout-reason]")!.TextContent, StringComparison.Ordinal);
        var settle = detail.QuerySelector("[data-testid=review-settle]")!.GetAttribute("href")!;
        Assert.Contains("command=settleHold", settle, StringComparison.Ordinal);
        Assert.Contains($"holdId={hold}", settle, StringComparison.Ordinal);
        var form = await GetAsync(settle);
        Assert.Contains($"value=\"{hold}\"", form.QuerySelector("[data-testid=hold-action]")!.InnerHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reserved_hold_can_be_submitted_from_its_row_and_is_marked_stuck_after_the_threshold()
    {
        var (wallet, hold) = await _host.ReserveAsync(SagaHost.Strict, "Paid");
        _host.Clock.Advance(TimeSpan.FromMinutes(31));
        await _host.Runner().SweepStuckAsync(TestContext.Current.CancellationToken);

        var page = await GetAsync($"/ops/payouts?walletId={wallet}");

        var row = page.QuerySelector($"tr.hold-row-{hold}")!;
        Assert.Equal("stuck", row.QuerySelector("[data-testid=hold-stuck]")!.TextContent.Trim());
        Assert.Contains("command=submitPayout", row.QuerySelector("[data-testid=submit-hold]")!.GetAttribute("href"), StringComparison.Ordinal);
        Assert.Equal($"/ops/payouts?holdId={hold}&walletId={wallet}#payout", row.QuerySelector("[data-testid=payout-link]")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Controls_lists_the_provider_events_of_every_payout_newest_first()
    {
        var hold = await _host.SubmittedAsync(SagaHost.Strict, "PaidAfterRequeries", requeries: 5);
        await _host.RunAsync();
        await _host.CallbackAsync(SagaHost.Strict, new { reference = hold, status = "paid" });

        var page = await GetAsync("/ops/controls");

        var rows = page.QuerySelectorAll("[data-testid=provider-events] tr.payout-event").ToList();
        Assert.Equal(["payout-event-callback", "payout-event-submit"], rows.Select(row => row.ClassList.Last()));
        Assert.All(rows, row => Assert.Contains(hold, row.TextContent, StringComparison.Ordinal));
    }

    private async Task<IHtmlDocument> GetAsync(string path)
    {
        using var response = await _console.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ConsoleClient.ParseAsync(response);
    }
}
