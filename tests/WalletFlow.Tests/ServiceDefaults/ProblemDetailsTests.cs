using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using WalletFlow.Tests.Infrastructure;

namespace WalletFlow.Tests.ServiceDefaults;

public sealed class ProblemDetailsTests(PostgresFixture postgres)
{
    [Fact]
    public async Task An_unknown_route_is_a_problem_json_404_with_a_code_and_a_trace_id()
    {
        await using var api = await ApiFactory.OnFreshDatabaseAsync(postgres, nameof(ProblemDetailsTests));

        var response = await api.CreateClient().GetAsync("/no/such/route", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
        Assert.Equal("NOT_FOUND", problem.GetProperty("code").GetString());
        Assert.Equal("/no/such/route", problem.GetProperty("instance").GetString());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("traceId").GetString()));
    }

    [Fact]
    public async Task An_unhandled_exception_is_a_problem_json_500_that_does_not_leak_the_exception()
    {
        await using var api = await ApiFactory.OnFreshDatabaseAsync(postgres, nameof(ProblemDetailsTests),
            services: services => services.AddSingleton<IStartupFilter>(new ThrowingRoute()));

        var response = await api.CreateClient().GetAsync("/boom", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("\"code\":\"INTERNAL\"", text);
        Assert.DoesNotContain("secret detail", text);
    }

    /// <summary>Adds, after the app's own pipeline, a route that fails like a bug would.</summary>
    private sealed class ThrowingRoute : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Map("/boom", branch => branch.Run(_ => throw new InvalidOperationException("secret detail")));
        };
    }
}
