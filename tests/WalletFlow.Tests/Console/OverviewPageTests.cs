using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using WalletFlow.Ledger;
using WalletFlow.Tests.Infrastructure;

namespace WalletFlow.Tests.Console;

public sealed class OverviewPageTests(PostgresFixture postgres)
{
    [Fact]
    public async Task The_overview_renders_the_live_database_figures_on_the_server()
    {
        await using var api = await ApiFactory.OnFreshDatabaseAsync(postgres, nameof(OverviewPageTests), ConsoleClient.TokenSettings);
        var client = api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ConsoleClient.Token);
        await using var held = await api.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync(TestContext.Current.CancellationToken);

        var response = await client.GetAsync("/ops", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("Overview · WalletFlow ops", page.Title);
        Assert.Equal("Healthy", page.QuerySelector("[data-testid=database-status]")?.TextContent);
        Assert.Matches(@"^[1-9]\d* busy, \d+ idle of 100$", page.QuerySelector("[data-testid=pool-connections]")?.TextContent);
        Assert.Matches(@"^\d+\.\d ms$", page.QuerySelector("[data-testid=probe-latency]")?.TextContent);
    }

    [Fact]
    public async Task The_overview_counts_the_ledger_and_links_its_most_recent_transactions()
    {
        await using var api = await ApiFactory.OnFreshDatabaseAsync(postgres, nameof(OverviewPageTests) + "_ledger", ConsoleClient.TokenSettings);
        var ledger = api.Services.GetRequiredService<ILedger>();
        await ledger.CreateLedgerAsync("main", TestContext.Current.CancellationToken);
        var posted = await ledger.PostAsync("main", TransactionRequest.FromPostings(new Posting("world", "wallets:overview:available", 1250, "USD/2")), TestContext.Current.CancellationToken);
        var client = api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ConsoleClient.Token);

        var page = await ConsoleClient.ParseAsync(await client.GetAsync("/ops", TestContext.Current.CancellationToken));

        Assert.Equal("1", page.QuerySelector("[data-testid=transaction-count]")?.TextContent);
        Assert.Equal("2", page.QuerySelector("[data-testid=account-count]")?.TextContent);
        Assert.Equal($"/ops/transactions/{posted.Value.Transaction.Id}", page.QuerySelector("[data-testid=transactions-table] [data-testid=transaction-link]")?.GetAttribute("href"));
        Assert.Contains("12.50 USD", page.QuerySelector("[data-testid=transactions-table]")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_overview_counts_red_gates_drift_and_template_mismatches_until_the_catalog_is_loaded()
    {
        await using var host = await WalletCoreHost.StartAsync(postgres, nameof(OverviewPageTests) + "_reconciliation");
        await host.PostAsync("/v1/reconciliation/runs", new { });
        var client = host.Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", WalletCoreHost.Token);

        var fresh = await ConsoleClient.ParseAsync(await client.GetAsync("/ops", TestContext.Current.CancellationToken));
        var rebuild = host.Factory.Services.GetRequiredService<WalletFlow.Application.ChartOfAccounts.RebuildFromBundle>();
        var admin = WalletFlow.Application.Commands.Caller.Admin("overview test");
        await rebuild.RebuildChartAsync(admin, TestContext.Current.CancellationToken);
        await rebuild.RebuildTemplatesAsync(admin, TestContext.Current.CancellationToken);
        await host.PostAsync("/v1/reconciliation/runs", new { });
        var loaded = await ConsoleClient.ParseAsync(await client.GetAsync("/ops", TestContext.Current.CancellationToken));

        var templates = WalletFlow.Domain.Templates.TemplateCatalog.All.Count.ToString(CultureInfo.InvariantCulture);
        Assert.Equal(("1", templates), (fresh.QuerySelector("[data-testid=red-gates]")?.TextContent, fresh.QuerySelector("[data-testid=template-mismatches]")?.TextContent));
        Assert.NotEqual("0", fresh.QuerySelector("[data-testid=catalog-drift]")?.TextContent);
        Assert.Equal(("0", "0", "0"), (
            loaded.QuerySelector("[data-testid=red-gates]")?.TextContent,
            loaded.QuerySelector("[data-testid=catalog-drift]")?.TextContent,
            loaded.QuerySelector("[data-testid=template-mismatches]")?.TextContent));
    }

    [Fact]
    public async Task The_overview_counts_completed_commands_and_the_rejections_of_this_process_by_code()
    {
        await using var host = await WalletCoreHost.StartAsync(postgres, nameof(OverviewPageTests) + "_commands");
        var alice = await host.CreateWalletAsync();
        var bob = await host.CreateWalletAsync();
        await host.PostAsync("/v1/transfers", new { sourceWalletId = alice, destinationWalletId = bob, amount = "1.00", currency = "USD" });
        await host.PostAsync("/v1/transfers", new { sourceWalletId = alice, destinationWalletId = bob, amount = "2.00", currency = "USD" });
        await host.PostAsync("/v1/payins", new { walletId = alice, bankId = "citi", amount = "1.00", currency = "XYZ" });

        var page = await ConsoleClient.ParseAsync(await host.Client.GetAsync("/ops", TestContext.Current.CancellationToken));

        Assert.Equal("2", page.QuerySelector("[data-testid=commands-completed]")?.TextContent);
        Assert.Equal("3", page.QuerySelector("[data-testid=commands-rejected]")?.TextContent);
        Assert.Equal(
            ["INSUFFICIENT_FUNDS 2", "CURRENCY_UNKNOWN 1"],
            page.QuerySelectorAll("[data-testid=rejection-codes] li").Select(bar => $"{bar.GetAttribute("data-label")} {bar.GetAttribute("data-count")}"));
        Assert.Equal("2", page.QuerySelector("[data-testid=outbox-pending]")?.TextContent);
        Assert.Equal("0", page.QuerySelector("[data-testid=outbox-published]")?.TextContent);
        Assert.Matches(@"^(under 1 s|\d+ s|\d+ min \d+ s)$", page.QuerySelector("[data-testid=outbox-oldest]")?.TextContent);
        Assert.Contains("healthy", page.QuerySelector("[data-testid=health-check][data-name=cluster]")?.TextContent, StringComparison.Ordinal);
        var columns = page.QuerySelectorAll("[data-testid=commands-per-minute] rect.chart-column");
        Assert.Equal(60, columns.Length);
        Assert.Equal(2, columns.Sum(column => int.Parse(column.GetAttribute("data-count")!, CultureInfo.InvariantCulture)));
        await host.AssertInvariantsAsync();
    }

    [Fact]
    public async Task The_overview_splits_the_wallets_money_by_currency_into_available_held_and_reserve()
    {
        await using var host = await WalletCoreHost.StartAsync(postgres, nameof(OverviewPageTests) + "_balances");
        var dollars = await host.CreateWalletAsync("USD");
        var naira = await host.CreateWalletAsync("NGN");
        await host.PostAsync("/v1/payins", new { walletId = dollars, bankId = "citi", amount = "100.00", currency = "USD" });
        await host.PostAsync("/v1/payins", new { walletId = naira, bankId = "citi", amount = "5000.00", currency = "NGN" });
        await host.PostAsync("/v1/payouts", new { walletId = dollars, amount = "30.00", currency = "USD", provider = "stripe", bankId = "citi" });
        await host.PostAsync($"/v1/wallets/{dollars}/rolling-reserve/hold", new { walletId = dollars, amount = "10.00", currency = "USD" });

        var page = await ConsoleClient.ParseAsync(await host.Client.GetAsync("/ops", TestContext.Current.CancellationToken));

        var rows = page.QuerySelectorAll("[data-testid=wallet-balances] .currency-row");
        Assert.Equal(["NGN", "USD"], rows.Select(row => row.GetAttribute("data-currency")));
        Assert.Equal(["5,000.00 NGN", "100.00 USD"], rows.Select(row => row.QuerySelector("[data-testid=currency-total]")?.TextContent));
        Assert.Equal(
            "USD: 60.00 USD available, 30.00 USD held, 10.00 USD in reserve",
            rows[1].QuerySelector("svg")?.GetAttribute("aria-label"));
        Assert.Equal(["60", "30", "10"], rows[1].QuerySelectorAll("rect").Select(part => part.GetAttribute("width")));
        await host.AssertInvariantsAsync();
    }
}
