using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using WalletFlow.Postgres;
using WalletFlow.Postgres.Embedded;

// The tests run Postgres through setpriv and the AppHost's bash scripts: Linux only.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]

namespace WalletFlow.Tests.Infrastructure;

/// <summary>The tests that need the whole system share one started AppHost: starting one costs tens of seconds here.</summary>
[CollectionDefinition(Name)]
public sealed class AppHostCollection : ICollectionFixture<AppHostFixture>
{
    public const string Name = "AppHost";
}

/// <summary>
/// The whole system as the AppHost runs it, through Aspire.Hosting.Testing: Postgres and Redis as executables, the
/// migrator, and two API replicas on one database behind Aspire's proxy, with an operator token. Its data folder is
/// its own and sits under a 0700 folder, as a clone under /root does, so every run proves the cluster is put where
/// its unprivileged user can reach it. Every wait is bounded.
/// </summary>
public sealed class AppHostFixture : IAsyncLifetime
{
    public const string Token = WalletCoreHost.Token;
    public const int ReplicaCount = 2;
    public static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);
    public static readonly TimeSpan StopTimeout = TimeSpan.FromMinutes(1);

    /// <summary>The AppHost's top-level Program (internal, and its name clashes with the API's): found by name.</summary>
    private static readonly Type AppHostEntryPoint = Type.GetType("Program, WalletFlow.AppHost", throwOnError: true)!;

    private const string HealthProbe = "/alive";

    private static readonly string RunsDirectory = Path.Combine(Path.GetTempPath(), "walletflow-apphost-tests");

    /// <summary>Every resource instance's latest state, as the dashboard would show it (the ids of replicas are only known this way).</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, ResourceEvent> _latest = new();
    private readonly CancellationTokenSource _stopWatching = new();
    private Task _watching = Task.CompletedTask;

    /// <summary>The 0700 folder above the data folder; its name carries this process's id, so a later run can tell it was abandoned.</summary>
    public string PrivateParent { get; } = Path.Combine(RunsDirectory, $"run-{Environment.ProcessId}-{Guid.NewGuid():N}");

    public string DataDirectory => Path.Combine(PrivateParent, "data");

    public DistributedApplication App { get; private set; } = null!;

    /// <summary>The REST endpoint as clients see it: Aspire's proxy in front of the replicas.</summary>
    public Uri ApiAddress { get; private set; } = null!;

    public Uri GrpcAddress { get; private set; } = null!;

    public string DatabaseConnectionString { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        RemoveAbandonedRuns();
        Directory.CreateDirectory(PrivateParent, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var apiPort = FreePort.Pick();
        var grpcPort = FreePort.Pick();
        var builder = await DistributedApplicationTestingBuilder.CreateAsync(
            AppHostEntryPoint,
            [
                $"WALLETFLOW_DATA={DataDirectory}",
                $"WALLETFLOW_API_URL=http://localhost:{apiPort}",
                $"WALLETFLOW_GRPC_URL=http://localhost:{grpcPort}",
                $"WALLETFLOW_API_REPLICAS={ReplicaCount}",
                $"AUTH_TOKEN={Token}",
                // Settings of the API pass through the AppHost: the Formance SDK tests write through the ledger surface.
                "WALLETFLOW_LEDGER_API=read-write",
                "ASPNETCORE_ENVIRONMENT=Testing",
            ]).WaitAsync(StopTimeout);
        App = await builder.BuildAsync().WaitAsync(StopTimeout);
        _watching = WatchAsync();
        await App.StartAsync().WaitAsync(StartTimeout);
        await App.ResourceNotifications.WaitForResourceHealthyAsync("api").WaitAsync(StartTimeout);
        ApiAddress = App.GetEndpoint("api", "http");
        GrpcAddress = App.GetEndpoint("api", "grpc");
        DatabaseConnectionString = (await App.GetConnectionStringAsync("postgres").AsTask().WaitAsync(StopTimeout))!;
    }

    /// <summary>A REST client of the API through the proxy, with the operator token.</summary>
    public ApiClient Api() => new(ApiAddress, Token);

    /// <summary>The running replicas of the API, each by its resource id (as the dashboard lists it) and its own REST address.</summary>
    public IReadOnlyList<ApiReplica> Replicas() =>
        [.. ResourceIds("api").Select(id => FindReplica(id) ?? throw new InvalidOperationException($"{id} has no address yet: it is (re)starting."))];

    /// <summary>A replica with its address, or null while its snapshot has none (a restarting replica's environment is evaluated again).</summary>
    private ApiReplica? FindReplica(string resourceId)
    {
        var state = _latest[resourceId];
        return state.Snapshot.EnvironmentVariables.FirstOrDefault(variable => variable.Name == "ASPNETCORE_URLS")?.Value is { } urls
            ? new ApiReplica(resourceId, new Uri(urls), state)
            : null;
    }

    /// <summary>The ids under which the dashboard lists a resource's instances (one per replica).</summary>
    public IReadOnlyList<string> ResourceIds(string resource) =>
        [.. _latest.Values.Where(state => state.Resource.Name == resource).Select(state => state.ResourceId).Order(StringComparer.Ordinal)];

    /// <summary>The id of a resource that has one instance.</summary>
    public string ResourceId(string resource) => ResourceIds(resource).Single();

    /// <summary>Waits, bounded, until a resource (or one replica, by its id) is in one of these states.</summary>
    public async Task<ResourceEvent> WaitForStateAsync(string resourceId, params string[] states)
    {
        using var deadline = new CancellationTokenSource(StartTimeout);
        // The watch replays every resource's current state first, so a state reached before the call is seen too.
        await foreach (var state in App.ResourceNotifications.WatchAsync(deadline.Token))
        {
            if (state.ResourceId == resourceId && states.Contains(state.Snapshot.State?.Text))
            {
                return state;
            }
        }

        throw new TimeoutException($"{resourceId} never reached {string.Join(" or ", states)}.");
    }

    /// <summary>Waits, bounded, until a resource instance (one replica, by its id) is running and healthy.</summary>
    private async Task WaitForHealthyAsync(string resourceId)
    {
        using var deadline = new CancellationTokenSource(StartTimeout);
        await foreach (var state in App.ResourceNotifications.WatchAsync(deadline.Token))
        {
            if (state.ResourceId == resourceId && state.Snapshot.State?.Text == KnownResourceStates.Running
                && state.Snapshot.HealthStatus == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Waits, bounded, until a replica is healthy and answers at its own address; its state as it then is. Aspire may
    /// still report the health a restarted replica had before its restart, so the replica itself is asked too.
    /// </summary>
    private async Task<ApiReplica> WaitForServingAsync(string resourceId)
    {
        await WaitForHealthyAsync(resourceId);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            if (FindReplica(resourceId) is { } replica)
            {
                try
                {
                    using var alive = await http.GetAsync(new Uri(replica.Address, HealthProbe));
                    if (alive.IsSuccessStatusCode)
                    {
                        return replica;
                    }
                }
                catch (Exception notYet) when (notYet is HttpRequestException or TaskCanceledException)
                {
                }
            }

            if (deadline.Elapsed > StartTimeout)
            {
                throw new TimeoutException($"{resourceId} never answered at its address.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
    }

    /// <summary>
    /// Waits, bounded, until every replica serves and counts exactly <see cref="ReplicaCount"/> active silos in its cluster:
    /// the replicas have formed one cluster, and a replica killed earlier has been voted out of it. The replicas as they then are.
    /// </summary>
    public async Task<IReadOnlyList<ApiReplica>> WaitForOneClusterAsync()
    {
        var replicas = new List<ApiReplica>();
        foreach (var resourceId in ResourceIds("api"))
        {
            replicas.Add(await WaitForServingAsync(resourceId));
        }

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        foreach (var replica in replicas)
        {
            await Bounded.PollAsync(
                () => ClusterAsSeenByAsync(http, replica),
                seen => seen?.Contains(OneCluster, StringComparison.Ordinal) == true,
                StartTimeout,
                $"{replica.ResourceId} seeing one cluster of {ReplicaCount} silos");
        }

        return replicas;
    }

    /// <summary>How the API's cluster health check words a cluster of the replicas and no one else.</summary>
    public static readonly string OneCluster = $"the cluster has {ReplicaCount} active silos";

    /// <summary>The description of a replica's cluster health check, or null while it does not answer.</summary>
    public static async Task<string?> ClusterAsSeenByAsync(HttpClient http, ApiReplica replica)
    {
        try
        {
            using var response = await http.GetAsync(new Uri(replica.Address, "/health"));
            var health = await response.Content.ReadFromJsonAsync<JsonElement>();
            return health.GetProperty("checks").GetProperty("cluster").GetProperty("description").GetString();
        }
        catch (Exception notYet) when (notYet is HttpRequestException or TaskCanceledException or JsonException)
        {
            return null;
        }
    }

    /// <summary>Runs a command of the dashboard (start, stop, restart) on a resource or replica and checks that it succeeded.</summary>
    public async Task ExecuteCommandAsync(string resourceId, string command)
    {
        var result = await App.Services.GetRequiredService<ResourceCommandService>().ExecuteCommandAsync(resourceId, command).WaitAsync(StartTimeout);
        Assert.True(result.Success, $"{command} on {resourceId}: {result.Message}");
    }

    public async ValueTask DisposeAsync()
    {
        if (App is not null)
        {
            await App.StopAsync().WaitAsync(StopTimeout);
            await _stopWatching.CancelAsync();
            await _watching.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await App.DisposeAsync().AsTask().WaitAsync(StopTimeout);
        }

        _stopWatching.Dispose();

        RemoveRun(PrivateParent);
    }

    private async Task WatchAsync()
    {
        await foreach (var state in App.ResourceNotifications.WatchAsync(_stopWatching.Token))
        {
            _latest[state.ResourceId] = state;
        }
    }

    /// <summary>Runs whose test process died (killed before its clean-up) leave their folders and relocated clusters behind.</summary>
    private static void RemoveAbandonedRuns()
    {
        if (!Directory.Exists(RunsDirectory))
        {
            return;
        }

        foreach (var run in Directory.GetDirectories(RunsDirectory, "run-*"))
        {
            var pid = int.TryParse(Path.GetFileName(run).Split('-')[1], System.Globalization.CultureInfo.InvariantCulture, out var owner) ? owner : 0;
            if (!UnixProcess.IsAlive(pid))
            {
                RemoveRun(run);
            }
        }
    }

    private static void RemoveRun(string run)
    {
        var cluster = new FileInfo(Path.Combine(run, "data", "postgres")).LinkTarget;
        foreach (var folder in new[] { cluster, run })
        {
            try
            {
                if (folder is not null)
                {
                    Directory.Delete(folder, recursive: true);
                }
            }
            catch (DirectoryNotFoundException)
            {
            }
        }
    }
}

/// <summary>One API process of the AppHost: its resource id, its own REST address, and its state when it was read.</summary>
public sealed record ApiReplica(string ResourceId, Uri Address, ResourceEvent State)
{
    /// <summary>
    /// The API process itself: Aspire starts a project through <c>dotnet run</c>, whose child it is (the pid the
    /// dashboard shows is the launcher's).
    /// </summary>
    public int ApiProcessId()
    {
        var launcher = Convert.ToInt32(State.Snapshot.Properties.Single(property => property.Name == "executable.pid").Value, System.Globalization.CultureInfo.InvariantCulture);
        var children = File.ReadAllText($"/proc/{launcher}/task/{launcher}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return children.Select(child => int.Parse(child, System.Globalization.CultureInfo.InvariantCulture))
            .Single(child => File.ReadAllText($"/proc/{child}/cmdline").Contains("WalletFlow.Api", StringComparison.Ordinal));
    }
}
