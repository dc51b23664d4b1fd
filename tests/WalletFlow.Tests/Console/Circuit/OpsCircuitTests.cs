using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using WalletFlow.Tests.Infrastructure;

namespace WalletFlow.Tests.Console.Circuit;

/// <summary>The Overview's live circuit: its hub and Blazor's script live under /ops, behind the pages' own rule.</summary>
public sealed class OpsCircuitTests(PostgresFixture postgres)
{
    [Fact]
    public async Task The_overview_loads_blazor_from_under_the_console_and_no_longer_refreshes_by_meta()
    {
        await using var api = await ApiFactory.OnFreshDatabaseAsync(postgres, nameof(OpsCircuitTests), ConsoleClient.TokenSettings);
        var console = new ConsoleClient(api);
        await console.SignInAsync();

        var page = await console.GetPageAsync("/ops");

        Assert.Equal("/ops/", page.QuerySelector("base")?.GetAttribute("href"));
        Assert.Equal("/ops/_framework/blazor.web.js", page.QuerySelector("script[autostart=false]")?.GetAttribute("src"));
        Assert.Null(page.QuerySelector("meta[http-equiv=refresh]"));
        // The prerendered figures carry the marker the circuit takes over.
        Assert.Contains("<!--Blazor:", page.DocumentElement.OuterHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_static_page_loads_no_blazor_script()
    {
        await using var api = await ApiFactory.OnFreshDatabaseAsync(postgres, nameof(OpsCircuitTests), ConsoleClient.TokenSettings);
        var console = new ConsoleClient(api);
        await console.SignInAsync();

        var page = await console.GetPageAsync("/ops/ledger");

        Assert.Empty(page.QuerySelectorAll("script[src*=blazor]"));
    }

    [Fact]
    public async Task A_session_may_fetch_the_script_and_negotiate_with_the_hub()
    {
        await using var api = await ApiFactory.OnFreshDatabaseAsync(postgres, nameof(OpsCircuitTests), ConsoleClient.TokenSettings);
        var console = new ConsoleClient(api);
        await console.SignInAsync();

        var script = await console.Http.GetAsync("/ops/_framework/blazor.web.js", TestContext.Current.CancellationToken);
        var negotiate = await console.Http.PostAsync("/ops/_blazor/negotiate?negotiateVersion=1", null, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        Assert.Contains("private", script.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, negotiate.StatusCode);
        Assert.Contains("connectionToken", await negotiate.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_session_the_hub_and_the_script_are_refused()
    {
        await using var api = await ApiFactory.OnFreshDatabaseAsync(postgres, nameof(OpsCircuitTests), ConsoleClient.TokenSettings);
        using var anonymous = api.CreateClient(new() { AllowAutoRedirect = false });
        using var negotiateRequest = new HttpRequestMessage(HttpMethod.Post, "/ops/_blazor/negotiate?negotiateVersion=1");
        // As SignalR's browser client sends it: the cookie scheme answers such a request 401 rather than with a redirect.
        negotiateRequest.Headers.Add("X-Requested-With", "XMLHttpRequest");

        var negotiate = await anonymous.SendAsync(negotiateRequest, TestContext.Current.CancellationToken);
        var script = await anonymous.GetAsync("/ops/_framework/blazor.web.js", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, negotiate.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, script.StatusCode);
        Assert.Equal("/ops/login", script.Headers.Location?.AbsolutePath);
    }

    [Fact]
    public async Task The_hub_closes_a_connection_when_its_session_expires()
    {
        await using var api = await ApiFactory.OnFreshDatabaseAsync(postgres, nameof(OpsCircuitTests), ConsoleClient.TokenSettings);

        var negotiate = api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Single(endpoint => endpoint.RoutePattern.RawText == "/ops/_blazor/negotiate");

        Assert.True(negotiate.Metadata.GetRequiredMetadata<HttpConnectionDispatcherOptions>().CloseOnAuthenticationExpiration);
    }

    [Fact]
    public async Task Blazor_keeps_nothing_at_the_site_root_where_the_console_cookie_is_not_sent()
    {
        await using var api = await ApiFactory.OnFreshDatabaseAsync(postgres, nameof(OpsCircuitTests), ConsoleClient.TokenSettings);
        using var client = api.CreateClient(new() { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ConsoleClient.Token);

        var negotiate = await client.PostAsync("/_blazor/negotiate?negotiateVersion=1", null, TestContext.Current.CancellationToken);
        var script = await client.GetAsync("/_framework/blazor.web.js", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, negotiate.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, script.StatusCode);
    }
}
