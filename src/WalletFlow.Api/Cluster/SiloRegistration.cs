using System.Net;
using System.Net.Sockets;
using Orleans.Configuration;
using StackExchange.Redis;

namespace WalletFlow.Api.Cluster;

/// <summary>
/// The Orleans silo, co-hosted in the API: REST, gRPC and the console reach the grains through <c>IGrainFactory</c>
/// in-process. Under the AppHost, Aspire's Orleans resource configures Redis clustering
/// (<c>Orleans__Clustering__ProviderType=Redis</c>) and the replicas form one cluster; a plain <c>dotnet run</c> is a
/// one-silo cluster of its own (localhost clustering). Either way the silo listens and advertises on loopback only, on
/// a port nobody held before, and has no gateway: no Orleans client connects from outside (docs/grains.md).
/// </summary>
public static class SiloRegistration
{
    private const string ClusteringSection = "Orleans:Clustering";

    public static WebApplicationBuilder AddWalletFlowSilo(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var clustered = string.Equals(builder.Configuration[$"{ClusteringSection}:ProviderType"], "Redis", StringComparison.OrdinalIgnoreCase);
        // Aspire hands every replica the same silo port; a restarted replica on its former address would be taken by the
        // others for its dead former self. A fresh port per start avoids both, unless one is set for this process alone.
        var siloPort = builder.Configuration.GetValue<int?>("Orleans:Endpoints:SiloPort") is { } configured && !clustered
            ? configured
            : FreeLoopbackPort();
        if (clustered)
        {
            builder.AddRedisMembershipTable();
        }

        builder.UseOrleans(silo =>
        {
            if (!clustered)
            {
                silo.UseLocalhostClustering(siloPort: siloPort, gatewayPort: 0);
            }

            silo.Services.PostConfigure<EndpointOptions>(endpoints =>
            {
                endpoints.AdvertisedIPAddress = IPAddress.Loopback;
                endpoints.SiloPort = siloPort;
                endpoints.SiloListeningEndpoint = new IPEndPoint(IPAddress.Loopback, siloPort);
                endpoints.GatewayPort = 0;
                endpoints.GatewayListeningEndpoint = null;
            });
            silo.Services.Configure<ClusterMembershipOptions>(FailureDetection.Apply);
            silo.AddOpsOrleansDashboard(builder.Configuration);
        });
        builder.Services.AddHealthChecks().AddCheck<ClusterHealthCheck>(ClusterHealthCheck.Name, tags: ["ready"]);
        return builder;
    }

    /// <summary>
    /// Orleans' Redis provider asks for a connection keyed by the clustering's service key. It is a connection of its own,
    /// apart from the accelerator's: the membership table is what a silo cannot start without, so Redis missing at start
    /// stops this silo, whereas the accelerator only degrades.
    /// </summary>
    private static void AddRedisMembershipTable(this WebApplicationBuilder builder)
    {
        var serviceKey = builder.Configuration[$"{ClusteringSection}:ServiceKey"]
            ?? throw new InvalidOperationException($"{ClusteringSection}:ServiceKey names the Redis connection of the membership table; the AppHost sets it.");
        builder.AddKeyedRedisClient(serviceKey, settings => settings.DisableHealthChecks = true);
    }

    /// <summary>A loopback port nobody holds now: in-process test hosts start many one-silo clusters side by side.</summary>
    private static int FreeLoopbackPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
