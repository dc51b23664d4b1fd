using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using WalletFlow.Console;
using WalletFlow.Tests.Infrastructure;

namespace WalletFlow.Tests.Console;

public sealed class OrleansDashboardTests(PostgresFixture postgres)
{
    private const string DashboardTitle = "<title>Orleans Dashboard</title>";

    /// <summary>The test hosts serve no dashboard unless asked (<see cref="ApiFactory"/>): these ask.</summary>
    private static readonly Dictionary<string, string> DashboardOn = new(ConsoleClient.TokenSettings) { [OrleansDashboardSetting.Name] = "true" };

    [Theory]
    [InlineData("/ops/orleans")]
    [InlineData("/ops/orleans/")]
    [InlineData("/ops/orleans/index.min.js")]
    [InlineData("/ops/orleans/DashboardCounters")]
    [InlineData("/ops/orleans/Trace")]
    public async Task Without_a_session_the_orleans_dashboard_sends_the_browser_to_the_console_login_and_serves_nothing(string path)
    {
        await using var api = await ApiFactory.OnFreshDatabaseAsync(postgres, nameof(OrleansDashboardTests), DashboardOn);

        var response = await new ConsoleClient(api).Http.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/ops/login", response.Headers.Location?.AbsolutePath);
        Assert.Contains(Uri.EscapeDataString(path), response.Headers.Location?.Query, StringComparison.Ordinal);
        Assert.Empty(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("/ops/orleans/")]
    [InlineData("/ops/orleans/DashboardCounters")]
    public async Task An_operator_in_a_browser_is_sent_to_the_not_allowed_page_instead_of_the_orleans_dashboard(string path)
    {
        await using var api = await OperatorsApiAsync();
        var console = new ConsoleClient(api);
        await console.SignInAsync();

        var response = await console.Http.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/ops/denied", response.Headers.Location?.AbsolutePath);
    }

    [Fact]
    public async Task An_operators_script_is_refused_the_orleans_dashboard_with_403()
    {
        await using var api = await OperatorsApiAsync();
        using var client = api.CreateClient(new() { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ConsoleClient.Token);

        var response = await client.GetAsync("/ops/orleans/GrainTypes", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task The_orleans_dashboard_is_served_to_an_admin_under_the_console_path()
    {
        await using var api = await ApiFactory.OnFreshDatabaseAsync(postgres, nameof(OrleansDashboardTests), DashboardOn);
        var console = new ConsoleClient(api);
        await console.SignInAsync();

        var withoutSlash = await console.Http.GetAsync("/ops/orleans", TestContext.Current.CancellationToken);
        var page = await console.Http.GetAsync(withoutSlash.Headers.Location!.OriginalString, TestContext.Current.CancellationToken);
        var script = await console.Http.GetAsync("/ops/orleans/index.min.js", TestContext.Current.CancellationToken);

        // The page loads its script and calls its reads by relative addresses: they resolve under the prefix only from
        // the address with its trailing slash, which is why the dashboard redirects there.
        Assert.Equal(HttpStatusCode.MovedPermanently, withoutSlash.StatusCode);
        Assert.Equal("/ops/orleans/", withoutSlash.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains(DashboardTitle, html, StringComparison.Ordinal);
        Assert.Contains("src=\"./index.min.js\"", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
    }

    [Fact]
    public async Task The_orleans_dashboard_reports_this_apis_one_silo_cluster_and_its_grain_types_to_an_admin()
    {
        await using var api = await ApiFactory.OnFreshDatabaseAsync(postgres, nameof(OrleansDashboardTests), DashboardOn);
        var console = new ConsoleClient(api);
        await console.SignInAsync();
        var silo = api.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress.ToParsableString();

        var grainTypes = await ReadJsonAsync(console, "/ops/orleans/GrainTypes");
        // The dashboard grain gathers the cluster's figures at most once a second, the first a second after it starts.
        var counters = await CountersListingSilosAsync(console);

        Assert.Contains("WalletFlow.Grains.Wallets.WalletGrain", grainTypes.EnumerateArray().Select(type => type.GetString()));
        Assert.Equal(1, counters.GetProperty("totalActiveHostCount").GetInt32());
        var host = Assert.Single(counters.GetProperty("hosts").EnumerateArray());
        Assert.Equal(silo, host.GetProperty("siloAddress").GetString());
    }

    [Fact]
    public async Task The_console_rail_offers_the_orleans_dashboard_to_admins_only()
    {
        await using var admins = await ApiFactory.OnFreshDatabaseAsync(postgres, nameof(OrleansDashboardTests), DashboardOn);
        await using var operators = await OperatorsApiAsync();
        var admin = new ConsoleClient(admins);
        var operatorConsole = new ConsoleClient(operators);
        await admin.SignInAsync();
        await operatorConsole.SignInAsync();

        var adminRail = (await admin.GetPageAsync("/ops")).QuerySelector("a.rail-link[href='/ops/orleans']");
        var operatorRail = (await operatorConsole.GetPageAsync("/ops")).QuerySelectorAll(".rail-link");

        Assert.NotNull(adminRail);
        Assert.Contains("Orleans", adminRail.TextContent, StringComparison.Ordinal);
        Assert.Contains("admin", adminRail.QuerySelector(".rail-tag")?.TextContent, StringComparison.Ordinal);
        Assert.NotEmpty(operatorRail);
        Assert.DoesNotContain(operatorRail, link => link.GetAttribute("href") == "/ops/orleans");
    }

    [Fact]
    public async Task Turned_off_the_orleans_dashboard_is_not_served_and_the_rail_does_not_offer_it()
    {
        var off = new Dictionary<string, string>(ConsoleClient.TokenSettings) { [OrleansDashboardSetting.Name] = "false" };
        await using var api = await ApiFactory.OnFreshDatabaseAsync(postgres, nameof(OrleansDashboardTests), off);
        var admin = new ConsoleClient(api);
        await admin.SignInAsync();

        var dashboard = await admin.Http.GetAsync("/ops/orleans/", TestContext.Current.CancellationToken);
        var rail = (await admin.GetPageAsync("/ops")).QuerySelectorAll(".rail-link");

        Assert.Equal(HttpStatusCode.NotFound, dashboard.StatusCode);
        Assert.DoesNotContain(DashboardTitle, await dashboard.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.NotEmpty(rail);
        Assert.DoesNotContain(rail, link => link.GetAttribute("href") == "/ops/orleans");
    }

    private Task<ApiFactory> OperatorsApiAsync() =>
        ApiFactory.OnFreshDatabaseAsync(postgres, nameof(OrleansDashboardTests) + "_operators", DashboardOn,
            services => services.AddSingleton<IClaimsTransformation, OperatorsOnly>());

    private static async Task<JsonElement> ReadJsonAsync(ConsoleClient console, string path)
    {
        var response = await console.Http.GetAsync(path, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return document.RootElement.Clone();
    }

    /// <summary>The dashboard samples its counters every second: the first read after start may list no silo yet.</summary>
    private static Task<JsonElement> CountersListingSilosAsync(ConsoleClient console) =>
        Bounded.PollAsync(
            () => ReadJsonAsync(console, "/ops/orleans/DashboardCounters"),
            counters => counters.GetProperty("hosts").GetArrayLength() > 0,
            Bounded.Limit,
            "The dashboard listing a silo");
}
