using System.Net;
using System.Net.Sockets;

namespace WalletFlow.Postgres;

/// <summary>A loopback port for a server that binds it a moment later.</summary>
public static class FreePort
{
    // Below Linux's ephemeral range (32768-60999 by default), from which the kernel hands out the local ports of
    // outgoing connections and of listeners on port 0: with many connections opening, one of those could take a port
    // picked from that range before its server binds it. Here only another pick can, and each pick is random.
    private const int First = 20_000;
    private const int End = 32_000;

    /// <summary>A loopback port nobody listens on right now, outside the range the kernel hands out by itself.</summary>
    public static int Pick()
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var port = Random.Shared.Next(First, End);
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // Taken: try another.
            }
        }

        throw new InvalidOperationException($"No free loopback port between {First} and {End}.");
    }
}
