using System.Net;
using System.Net.Sockets;
using Orleans.Configuration;
using Orleans.Serialization;
using WalletFlow.Grains.Commands;

namespace WalletFlow.Api.Cluster;

/// <summary>
/// The Orleans silo, co-hosted in the API: REST, gRPC and the console reach the grains through <c>IGrainFactory</c>
/// in-process. Under the AppHost, Aspire's Orleans resource configures Redis clustering (the <c>Orleans</c> section:
/// cluster and service ids, the clustering provider and its Redis connection, the silo's port) and every replica joins
/// one cluster. Started alone, the API is a one-silo cluster of its own (localhost clustering). Either way the silo
/// listens and advertises on loopback only, and has no gateway: no Orleans client connects from outside.
/// </summary>
public static class SiloRegistration
{
    public static WebApplicationBuilder AddWalletFlowSilo(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        var clustering = configuration["Orleans:Clustering:ProviderType"];
        if (clustering is not null && configuration["Orleans:Clustering:ServiceKey"] is { } redis)
        {
            // Orleans' Redis clustering asks for the keyed multiplexer of the connection Aspire named.
            builder.AddKeyedRedisClient(redis);
        }

        builder.UseOrleans(silo =>
        {
            if (clustering is null)
            {
                silo.UseLocalhostClustering(siloPort: configuration.GetValue<int?>("Orleans:Endpoints:SiloPort") ?? FreeLoopbackPort(), gatewayPort: 0);
            }

            silo.Configure<EndpointOptions>(endpoints =>
            {
                endpoints.AdvertisedIPAddress = IPAddress.Loopback;
                endpoints.SiloListeningEndpoint = new IPEndPoint(IPAddress.Loopback, endpoints.SiloPort);
                endpoints.GatewayPort = 0;
            });
            silo.Services.AddSerializer(serializer => serializer.AddWalletFlowGrainMessages());
        });
        return builder;
    }

    /// <summary>A loopback port nobody holds now: in-process test hosts start many one-silo clusters side by side.</summary>
    private static int FreeLoopbackPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
