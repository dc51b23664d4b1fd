using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using WalletFlow.Tests.Infrastructure;

namespace WalletFlow.Tests.Console;

public sealed class OverviewPageTests(PostgresFixture postgres)
{
    [Fact]
    public async Task The_overview_renders_the_live_database_figures_on_the_server()
    {
        await using var api = await ApiFactory.OnFreshDatabaseAsync(postgres, nameof(OverviewPageTests));
        var client = api.CreateClient();
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
}
