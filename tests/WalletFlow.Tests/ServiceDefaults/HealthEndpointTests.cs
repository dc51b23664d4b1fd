using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using WalletFlow.Postgres.Embedded;
using WalletFlow.Postgres.Migrations;
using WalletFlow.Tests.Infrastructure;

namespace WalletFlow.Tests.ServiceDefaults;

public sealed class HealthEndpointTests(PostgresFixture postgres)
{
    /// <summary>The pool's figures are for operators; liveness is for anyone.</summary>
    private static readonly Dictionary<string, string> Operator = new() { ["AUTH_TOKEN"] = WalletCoreHost.Token };

    [Fact]
    public async Task Health_db_refuses_a_caller_without_an_operator_credential()
    {
        await using var api = await ApiFactory.OnFreshDatabaseAsync(postgres, nameof(HealthEndpointTests), Operator);

        var anonymous = await api.CreateClient().GetAsync("/health/db", TestContext.Current.CancellationToken);
        var wrong = await api.CreateBearerClient("not-the-token").GetAsync("/health/db", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
    }

    [Fact]
    public async Task Health_says_the_service_is_alive()
    {
        await using var api = await ApiFactory.OnFreshDatabaseAsync(postgres, nameof(HealthEndpointTests));

        var response = await api.CreateClient().GetAsync("/health", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal("healthy", body.GetProperty("status").GetString());
        Assert.Equal("walletflow-api", body.GetProperty("service").GetString());
    }

    [Fact]
    public async Task Health_db_reports_the_pool_figures_and_a_probe_latency()
    {
        await using var api = await ApiFactory.OnFreshDatabaseAsync(postgres, nameof(HealthEndpointTests), Operator);
        var client = api.CreateBearerClient(WalletCoreHost.Token);
        var dataSource = api.Services.GetRequiredService<NpgsqlDataSource>();
        await using var held = await dataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);

        var response = await client.GetAsync("/health/db", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        var pool = body.GetProperty("pool");
        Assert.Equal("healthy", body.GetProperty("status").GetString());
        Assert.Equal(100, pool.GetProperty("max").GetInt32());
        Assert.True(pool.GetProperty("busy").GetInt32() >= 1, "the connection this test holds is busy");
        Assert.Equal(pool.GetProperty("idle").GetInt32() + pool.GetProperty("busy").GetInt32(), pool.GetProperty("total").GetInt32());
        Assert.Equal(0, pool.GetProperty("waiting").GetInt32());
        Assert.True(body.GetProperty("probeLatencyMs").GetDouble() > 0);
    }

    [Fact]
    public async Task Health_db_is_503_problem_json_when_the_pool_is_starved()
    {
        var connectionString = new NpgsqlConnectionStringBuilder(await postgres.CreateDatabaseAsync(nameof(HealthEndpointTests))) { MaxPoolSize = 2, Timeout = 30 };
        await using var api = new ApiFactory(connectionString.ConnectionString, Operator);
        var client = api.CreateBearerClient(WalletCoreHost.Token);
        var dataSource = api.Services.GetRequiredService<NpgsqlDataSource>();
        await using var first = await dataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        await using var second = await dataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        var queued = dataSource.OpenConnectionAsync(TestContext.Current.CancellationToken).AsTask();

        var body = await GetUntilAsync(client, "/health/db", HttpStatusCode.ServiceUnavailable);

        Assert.Equal("UNAVAILABLE", body.GetProperty("code").GetString());
        Assert.Contains("starved", body.GetProperty("detail").GetString());
        var pool = body.GetProperty("database").GetProperty("pool");
        Assert.Equal(2, pool.GetProperty("busy").GetInt32());
        // The queued open waits, and the pending-command recovery's sweep (every 5 s) may be queued behind it too.
        Assert.InRange(pool.GetProperty("waiting").GetInt32(), 1, 2);
        Assert.Equal(1.0, pool.GetProperty("utilization").GetDouble());

        await first.DisposeAsync();
        await using var third = await queued;
    }

    [Fact]
    public async Task Health_db_is_503_problem_json_when_the_database_is_down()
    {
        var root = Path.Combine(Path.GetTempPath(), "walletflow-embedded-tests", Guid.NewGuid().ToString("N"));
        var cluster = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions { RootDirectory = root, Durable = false }, TestContext.Current.CancellationToken);
        try
        {
            // The API refuses a database that is not at its schema; the migrator's work, done here.
            await using (var migrated = NpgsqlDataSource.Create(cluster.ConnectionString()))
            {
                await new MigrationRunner(migrated).ApplyAsync(TestContext.Current.CancellationToken);
            }

            await using var api = new ApiFactory(cluster.ConnectionString(), Operator);
            var client = api.CreateBearerClient(WalletCoreHost.Token);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/db", TestContext.Current.CancellationToken)).StatusCode);

            await cluster.StopAsync();
            var response = await client.GetAsync("/health/db", TestContext.Current.CancellationToken);

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
            Assert.Equal("UNAVAILABLE", body.GetProperty("code").GetString());
            Assert.Contains("did not answer", body.GetProperty("detail").GetString());
            Assert.Equal("unhealthy", body.GetProperty("database").GetProperty("status").GetString());
        }
        finally
        {
            await cluster.StopAsync();
            Directory.Delete(root, recursive: true);
        }
    }

    private static async Task<JsonElement> GetUntilAsync(HttpClient client, string path, HttpStatusCode expected)
    {
        // The queued request reaches Npgsql's pool asynchronously; ask until the pool reports it (bounded).
        for (var attempt = 0; ; attempt++)
        {
            var response = await client.GetAsync(path);
            if (response.StatusCode == expected || attempt == 100)
            {
                Assert.Equal(expected, response.StatusCode);
                return await response.Content.ReadFromJsonAsync<JsonElement>();
            }

            await Task.Delay(20);
        }
    }
}
