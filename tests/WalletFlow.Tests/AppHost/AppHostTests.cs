using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.Testing;
using Aspire.Hosting.ApplicationModel;
using WalletFlow.Postgres.Embedded;
using WalletFlow.Tests.Infrastructure;

namespace WalletFlow.Tests.AppHost;

/// <summary>The system as the AppHost composes it: its resources, where the cluster lives, and Redis as an accelerator only.</summary>
[Collection(AppHostCollection.Name)]
public sealed class AppHostTests(AppHostFixture apphost)
{
    [Fact]
    public async Task The_apphost_runs_postgres_redis_the_provider_simulator_and_two_api_replicas_once_the_migrator_has_finished()
    {
        var migrator = await apphost.WaitForStateAsync(apphost.ResourceId("migrator"), KnownResourceStates.Finished);
        using var api = apphost.Api();

        // A replica may serve before its Redis client has connected, and says Redis is degraded until it has.
        var health = (await HealthUntilAsync(api, "healthy")).Body;
        var database = await api.Http.GetFromJsonAsync<JsonElement>("/health/db", TestContext.Current.CancellationToken);

        Assert.Equal(0, migrator.Snapshot.ExitCode);
        foreach (var resource in new[] { "postgres", "redis", "provider-simulator" })
        {
            // Health is probed periodically: on a busy machine a probe may time out once, so wait (bounded) for a healthy one.
            var state = await apphost.App.ResourceNotifications.WaitForResourceHealthyAsync(resource).WaitAsync(AppHostFixture.StartTimeout, TestContext.Current.CancellationToken);
            Assert.Equal(KnownResourceStates.Running, state.Snapshot.State?.Text);
        }

        var replicas = apphost.Replicas();
        Assert.Equal(AppHostFixture.ReplicaCount, replicas.Count);
        Assert.All(replicas, replica => Assert.Equal(KnownResourceStates.Running, replica.State.Snapshot.State?.Text));
        Assert.Equal("healthy", health.GetProperty("status").GetString());
        Assert.Equal("healthy", health.GetProperty("checks").GetProperty("redis").GetProperty("status").GetString());
        Assert.Contains(health.GetProperty("checks").EnumerateObject(), check => check.Name.Contains("Postgre", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("healthy", database.GetProperty("status").GetString());
        Assert.True(database.GetProperty("pool").GetProperty("max").GetInt32() > 0);
    }

    [Fact]
    public async Task The_two_api_replicas_form_one_orleans_cluster_whose_membership_table_is_in_redis()
    {
        var replicas = await apphost.WaitForOneClusterAsync();
        var redis = await apphost.App.GetConnectionStringAsync("redis", TestContext.Current.CancellationToken);
        await using var connection = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(redis!);
        var server = connection.GetServers().Single();
        var tables = new List<string>();
        await foreach (var key in server.KeysAsync(pattern: "*members*"))
        {
            tables.Add(key.ToString());
        }

        using var http = new HttpClient();
        foreach (var replica in replicas)
        {
            Assert.Contains(AppHostFixture.OneCluster, await AppHostFixture.ClusterAsSeenByAsync(http, replica), StringComparison.Ordinal);
        }

        // One membership table, holding both silos (Orleans also keeps the table's version in it).
        var table = Assert.Single(tables);
        Assert.True(await connection.GetDatabase().HashLengthAsync(table) >= AppHostFixture.ReplicaCount, $"{table} lists fewer than {AppHostFixture.ReplicaCount} silos");
    }

    [Fact]
    public void The_cluster_of_a_data_folder_under_a_0700_folder_lives_where_its_unprivileged_user_can_reach_it()
    {
        var inData = new DirectoryInfo(Path.Combine(apphost.DataDirectory, "postgres"));

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(apphost.PrivateParent));
        if (UnixProcess.IsRoot)
        {
            // Root runs the server as postgres, which cannot enter the 0700 folder: the cluster moved, and is linked.
            Assert.NotNull(inData.LinkTarget);
            Assert.StartsWith("/var/lib/walletflow/clusters/", inData.LinkTarget, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(inData.LinkTarget, "data", "PG_VERSION")));
            Assert.Equal(apphost.DataDirectory, File.ReadAllText(Path.Combine(inData.LinkTarget, "data-folder")));
        }
        else
        {
            // Run as its own user, the server reaches any folder its user can: the cluster stays in the data folder.
            Assert.Null(inData.LinkTarget);
            Assert.True(File.Exists(Path.Combine(inData.FullName, "data", "PG_VERSION")));
        }
    }

    [Fact]
    public async Task With_redis_stopped_the_api_says_degraded_and_still_moves_money_and_recovers_when_redis_is_back()
    {
        using var api = apphost.Api();
        var alice = await api.CreateWalletAsync();
        var bob = await api.CreateWalletAsync();
        await api.PayInAsync(alice, "10.00");

        await apphost.ExecuteCommandAsync(apphost.ResourceId("redis"), KnownResourceCommands.StopCommand);
        try
        {
            var degraded = await HealthUntilAsync(api, "degraded");
            var transfer = await api.PostAsync("/v1/transfers", new { sourceWalletId = alice, destinationWalletId = bob, amount = "4.00", currency = "USD" });

            Assert.Equal(HttpStatusCode.OK, degraded.Status);
            Assert.Equal("degraded", degraded.Body.GetProperty("checks").GetProperty("redis").GetProperty("status").GetString());
            Assert.True(transfer.Status == HttpStatusCode.Created, $"transfer answered {(int)transfer.Status} {transfer.Body}");
            Assert.Equal("6.00", await api.AvailableAsync(alice));
            Assert.Equal("4.00", await api.AvailableAsync(bob));
        }
        finally
        {
            await apphost.ExecuteCommandAsync(apphost.ResourceId("redis"), KnownResourceCommands.StartCommand);
        }

        var healthy = await HealthUntilAsync(api, "healthy");
        Assert.Equal("healthy", healthy.Body.GetProperty("checks").GetProperty("redis").GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_payout_submitted_over_rest_ends_settled_through_the_simulator_by_its_answer_or_by_its_callback()
    {
        using var api = apphost.Api();
        using var simulator = new HttpClient { BaseAddress = apphost.App.GetEndpoint("provider-simulator", "http") };
        var wallet = await api.CreateWalletAsync();
        await api.PayInAsync(wallet, "100.00");
        var answered = await ReserveAsync(api, wallet);
        var calledBack = await ReserveAsync(api, wallet);
        // The second is pending at the provider until the test finishes it there; the provider then calls back.
        using (var chosen = await simulator.PostAsJsonAsync($"simulator/behaviours/{calledBack}", new { behaviour = "PaidAfterRequeries", requeries = 1000, callbacks = "Once" }, TestContext.Current.CancellationToken))
        {
            chosen.EnsureSuccessStatusCode();
        }

        foreach (var hold in new[] { answered, calledBack })
        {
            var submitted = await api.PostAsync($"/v1/holds/{hold}/submit", new { });
            Assert.True(submitted.Status == HttpStatusCode.OK, $"submit answered {(int)submitted.Status} {submitted.Body}");
        }

        await PayoutUntilAsync(api, answered, "settled");
        await PayoutUntilAsync(api, calledBack, "submitted", saga => saga.GetProperty("step").GetString() == "requery");
        using var completed = await simulator.PostAsJsonAsync($"simulator/payouts/{calledBack}/complete", new { status = "paid" }, TestContext.Current.CancellationToken);
        var delivery = (await completed.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("callbacks")[0];
        Assert.Equal(200, delivery.GetProperty("statusCode").GetInt32());
        await PayoutUntilAsync(api, calledBack, "settled");
        Assert.Equal("40.00", await api.AvailableAsync(wallet));
    }

    private static async Task<string> ReserveAsync(ApiClient api, string wallet)
    {
        var reserved = await api.PostAsync("/v1/payouts", new { walletId = wallet, amount = "30.00", currency = "USD", provider = "simulator", bankId = "citi" });
        Assert.True(reserved.Status == HttpStatusCode.Created, $"reserve answered {(int)reserved.Status} {reserved.Body}");
        return reserved.Data.GetProperty("holdId").GetString()!;
    }

    /// <summary>Reads the payout until its hold has <paramref name="status"/> (and its saga passes <paramref name="saga"/>), bounded.</summary>
    private static Task<CommandResponse> PayoutUntilAsync(ApiClient api, string hold, string status, Func<JsonElement, bool>? saga = null) =>
        Bounded.PollAsync(
            async () =>
            {
                using var response = await api.Http.GetAsync(new Uri($"/v1/payouts/{hold}", UriKind.Relative));
                return await CommandResponse.ReadAsync(response);
            },
            payout => payout.Status == HttpStatusCode.OK
                && payout.Body.GetProperty("hold").GetProperty("status").GetString() == status
                && (saga is null || saga(payout.Body.GetProperty("saga"))),
            TimeSpan.FromSeconds(60),
            $"payout {hold} {status}",
            payout => $"{(int)payout.Status} {payout.Body}");

    /// <summary>Asks <c>/health</c> until it reports <paramref name="status"/> (health checks are cached briefly and Redis reconnects in the background), bounded.</summary>
    private static Task<CommandResponse> HealthUntilAsync(ApiClient api, string status) =>
        Bounded.PollAsync(
            async () =>
            {
                using var response = await api.Http.GetAsync(new Uri("/health", UriKind.Relative));
                return await CommandResponse.ReadAsync(response);
            },
            health => health.Body.ValueKind == JsonValueKind.Object && health.Body.GetProperty("status").GetString() == status,
            TimeSpan.FromSeconds(60),
            $"/health saying {status}",
            health => $"{(int)health.Status} {health.Body}");
}
