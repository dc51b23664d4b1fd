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
        Assert.NotNull(page.QuerySelector("meta[http-equiv=refresh]"));
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
        Assert.Equal("INSUFFICIENT_FUNDS 2 · CURRENCY_UNKNOWN 1", page.QuerySelector("[data-testid=rejection-codes]")?.TextContent);
        await host.AssertInvariantsAsync();
    }
}
