using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace WalletFlow.Tests.Infrastructure;

/// <summary>The real API in-process, on a database of the test's own, with extra settings and services when a test needs them.</summary>
public sealed class ApiFactory(string connectionString, IReadOnlyDictionary<string, string>? settings = null, Action<IServiceCollection>? services = null)
    : WebApplicationFactory<Program>
{
    public static async Task<ApiFactory> OnFreshDatabaseAsync(PostgresFixture postgres, string owner, IReadOnlyDictionary<string, string>? settings = null, Action<IServiceCollection>? services = null) =>
        new(await postgres.CreateDatabaseAsync(owner), settings, services);

    /// <summary>A client of the in-process API that sends <paramref name="bearer"/> as its <c>Authorization: Bearer</c>.</summary>
    public HttpClient CreateBearerClient(string bearer)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("WALLETFLOW_DB", connectionString);
        // A free port: the default gRPC port would clash between tests, and with a developer's running API.
        builder.UseSetting("WALLETFLOW_GRPC_URL", $"http://127.0.0.1:{WalletFlow.Postgres.FreePort.Pick()}");
        // It costs every silo start and second; the tests of the dashboard and of the access matrix turn it on.
        builder.UseSetting(WalletFlow.Console.OrleansDashboardSetting.Name, "false");
        // Its poll would hold pooled connections and write rows behind a test's back (a starved pool would count one more
        // waiter); the payout saga tests run its steps themselves, and the browser and AppHost tests run it for real.
        builder.UseSetting("PayoutSagas:WorkerEnabled", "false");
        // The outbox relay likewise: the tests drain the outbox themselves (WalletCoreHost.CatchUpAsync, and before
        // every invariant check), so a statement is read exactly when the test has published what it reads.
        builder.UseSetting("Outbox:RelayEnabled", "false");
        // Webhooks too, and their receivers listen on loopback, which production refuses as a target.
        builder.UseSetting("Webhooks:DispatchEnabled", "false");
        builder.UseSetting("Webhooks:AllowPrivateTargets", "true");
        // The gates' schedule as well: a test runs the gates when it has built the books it checks.
        builder.UseSetting("Reconciliation:ScheduleEnabled", "false");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }

        if (services is not null)
        {
            builder.ConfigureTestServices(services);
        }
    }
}
