using System.Net;
using System.Net.Sockets;

namespace WalletFlow.Postgres;

public static class FreePort
{
    /// <summary>A loopback port nobody listens on right now (the OS picks it; a race with another process is possible but rare).</summary>
    public static int Pick()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
