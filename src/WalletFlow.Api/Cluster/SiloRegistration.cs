using System.Net;
using System.Net.Sockets;
using Orleans.Configuration;
using Orleans.Serialization;
using WalletFlow.Grains.Commands;

namespace WalletFlow.Api.Cluster;

/// <summary>
/// The Orleans silo, co-hosted in the API: REST, gRPC and the console reach the grains through <c>IGrainFactory</c>
/// in-process. Each API process is a one-silo cluster of its own (localhost clustering): under the AppHost its replicas
/// share the database, not a cluster, and the ledger's locks and the journal's claims keep every outcome exactly-once
/// across them (docs/grains.md, "Where the silos are"). The silo listens and advertises on loopback only and has no
/// gateway: no Orleans client connects from outside.
/// </summary>
public static class SiloRegistration
{
    public static WebApplicationBuilder AddWalletFlowSilo(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var siloPort = builder.Configuration.GetValue<int?>("Orleans:Endpoints:SiloPort") ?? FreeLoopbackPort();
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(siloPort: siloPort, gatewayPort: 0);
            silo.Services.PostConfigure<EndpointOptions>(endpoints =>
            {
                endpoints.AdvertisedIPAddress = IPAddress.Loopback;
                endpoints.SiloListeningEndpoint = new IPEndPoint(IPAddress.Loopback, endpoints.SiloPort);
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
