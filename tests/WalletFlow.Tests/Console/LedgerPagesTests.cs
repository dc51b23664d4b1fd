using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using WalletFlow.Domain.ChartOfAccounts;
using WalletFlow.Domain.Templates;
using WalletFlow.Ledger;
using WalletFlow.Tests.Infrastructure;

namespace WalletFlow.Tests.Console;

public sealed class LedgerPagesTests(PostgresFixture postgres) : IAsyncLifetime
{
    private ApiFactory _api = null!;
    private HttpClient _client = null!;
    private LedgerTransaction _payin = null!;
    private LedgerTransaction _reversal = null!;

    public async ValueTask InitializeAsync()
    {
        _api = await ApiFactory.OnFreshDatabaseAsync(postgres, nameof(LedgerPagesTests), ConsoleClient.TokenSettings);
        var ledger = _api.Services.GetRequiredService<ILedger>();
        await ledger.CreateLedgerAsync("main");
        _payin = (await ledger.PostAsync("main", TransactionRequest.FromPostings(new Posting("world", "wallets:alice:available", 10_000, "NGN/2")) with
        {
            Reference = "payin-1",
            Metadata = new Dictionary<string, string> { ["event_type"] = "payin" },
        })).Value.Transaction;
        await ledger.PostAsync("main", TransactionRequest.FromPostings(new Posting("world", "wallets:bob:available", 500, "USD/2")));
        _reversal = (await ledger.RevertAsync("main", new RevertRequest(_payin.Id))).Value.Transaction;
        _client = _api.CreateClient(new() { AllowAutoRedirect = false });
        _client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ConsoleClient.Token);
    }

    public async ValueTask DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task The_accounts_view_filters_by_address_pattern()
    {
        var page = await GetAsync("/ops/ledger?view=accounts&address=wallets::available");

        var addresses = page.QuerySelectorAll("tr.account-row .address").Select(a => a.TextContent).ToList();
        Assert.Equal(["wallets:alice:available", "wallets:bob:available"], addresses.Order(StringComparer.Ordinal));
        Assert.Contains("5.00 USD", page.QuerySelector("[data-testid=accounts-table]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_accounts_view_pages_with_the_ledgers_cursor_and_keeps_the_filter()
    {
        var ledger = _api.Services.GetRequiredService<ILedger>();
        var paged = Enumerable.Range(0, 30).Select(i => new Posting("world", $"paging:acc{i:00}", 1, "USD/2")).ToArray();
        await ledger.PostAsync("main", TransactionRequest.FromPostings(paged), TestContext.Current.CancellationToken);

        var first = await GetAsync("/ops/ledger?view=accounts&address=paging:");
        var next = first.QuerySelector("[data-testid=next-page]")?.GetAttribute("href");
        var second = await GetAsync(next!);

        Assert.Equal(25, first.QuerySelectorAll("tr.account-row").Length);
        Assert.Contains("address=paging%3A", next, StringComparison.Ordinal);
        Assert.Equal(5, second.QuerySelectorAll("tr.account-row").Length);
        Assert.Null(second.QuerySelector("[data-testid=next-page]"));
        var seen = first.QuerySelectorAll("tr.account-row .address").Concat(second.QuerySelectorAll("tr.account-row .address")).Select(a => a.TextContent);
        Assert.Equal(paged.Select(p => p.Destination).Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_transaction_detail_shows_postings_metadata_volumes_and_the_reversal()
    {
        var page = await GetAsync($"/ops/transactions/{_payin.Id}");

        Assert.Contains("wallets:alice:available", page.QuerySelector("[data-testid=postings-table]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("100.00 NGN", page.QuerySelector("[data-testid=postings-table]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("payin", page.QuerySelector("[data-testid=transaction-metadata]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("payin-1", page.QuerySelector("[data-testid=transaction-reference]")!.TextContent);
        Assert.NotNull(page.QuerySelector("[data-testid=volumes-table]"));
        Assert.Equal($"/ops/transactions/{_reversal.Id}", page.QuerySelector("[data-testid=reverted-by] a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Every_transaction_id_on_the_transactions_view_links_to_its_detail()
    {
        var page = await GetAsync("/ops/ledger?view=transactions");

        var links = page.QuerySelectorAll("[data-testid=transaction-link]").Select(a => a.GetAttribute("href")).ToHashSet();
        Assert.Contains($"/ops/transactions/{_payin.Id}", links);
        Assert.Contains($"/ops/transactions/{_reversal.Id}", links);
    }

    [Fact]
    public async Task The_chart_and_the_eighteen_templates_are_listed()
    {
        var chart = await GetAsync("/ops/ledger?view=chart");
        var templates = await GetAsync("/ops/ledger?view=templates");

        Assert.Equal(AccountChart.Bundled.Accounts.Count, chart.QuerySelectorAll("[data-testid=chart-table] tbody tr").Length);
        Assert.Equal(18, TemplateCatalog.All.Count);
        Assert.Equal(18, templates.QuerySelectorAll("[data-testid=template-card]").Length);
    }

    [Fact]
    public async Task The_csv_exports_hold_the_accounts_and_the_chart()
    {
        var accounts = await _client.GetStringAsync("/ops/ledger/accounts.csv?address=wallets:alice:available", TestContext.Current.CancellationToken);
        var chart = await _client.GetStringAsync("/ops/ledger/chart.csv", TestContext.Current.CancellationToken);

        Assert.Equal(["address,asset,input,output,balance,metadata", "wallets:alice:available,NGN/2,10000,10000,0,"], accounts.TrimEnd().Split("\r\n"));
        Assert.StartsWith("code,name,class,normal_balance,address_patterns,description\r\n", chart, StringComparison.Ordinal);
        Assert.Equal(AccountChart.Bundled.Accounts.Count + 1, chart.TrimEnd().Split("\r\n").Length);
    }

    [Fact]
    public async Task An_unknown_transaction_shows_a_not_found_state()
    {
        var page = await GetAsync("/ops/transactions/999999");

        Assert.Equal("Transaction not found", page.QuerySelector("[data-testid=empty-state] h2")?.TextContent);
    }

    private async Task<AngleSharp.Html.Dom.IHtmlDocument> GetAsync(string path)
    {
        var response = await _client.GetAsync(path, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ConsoleClient.ParseAsync(response);
    }
}
