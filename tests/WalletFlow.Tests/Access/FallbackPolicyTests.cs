using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using WalletFlow.Access;

namespace WalletFlow.Tests.Access;

/// <summary>The fallback on a bare host with WalletFlow's access: a route mapped without a rule is closed to everyone.</summary>
public sealed class FallbackPolicyTests : IAsyncLifetime
{
    private const string Token = "fallback-test-token";
    private WebApplication _app = null!;

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseTestServer();
        builder.Configuration["AUTH_TOKEN"] = Token;
        builder.Services.AddProblemDetails();
        builder.Services.AddWalletFlowAccess();
        _app = builder.Build();
        _app.UseWalletFlowAccess();
        _app.MapGet("/undeclared", () => "ran");
        _app.MapGet("/declared", () => "ran").RequireAuthorization(AccessPolicies.ApiAdmin);
        await _app.StartAsync();
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_route_without_a_rule_is_refused_even_to_an_admin()
    {
        using var anonymous = _app.GetTestClient();
        using var admin = _app.GetTestClient();
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(new Uri("/undeclared", UriKind.Relative), TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync(new Uri("/undeclared", UriKind.Relative), TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(new Uri("/declared", UriKind.Relative), TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task An_address_no_route_serves_is_still_a_404()
    {
        using var anonymous = _app.GetTestClient();

        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(new Uri("/nowhere", UriKind.Relative), TestContext.Current.CancellationToken)).StatusCode);
    }
}
