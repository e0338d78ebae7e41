using System.Net;
using System.Net.Sockets;

namespace Disambig.TestSupport;

/// <summary>TCP ports on loopback that nothing listens on.</summary>
public static class FreePorts
{
    // Below Linux's ephemeral range (ip_local_port_range, 32768-60999 by default): a port handed out by bind(0) and
    // released could be taken as the source port of any outgoing connection before a child process binds it (a silo
    // process once failed with "Address already in use" that way); ports here are never handed out automatically.
    private const int First = 20_000;
    private const int Count = 12_000;

    /// <summary>
    /// A port of 20 000-31 999 that could be bound just now, drawn at random so that test processes running at once
    /// rarely try the same one; free unless another process binds it in between.
    /// </summary>
    public static int Loopback()
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var port = First + Random.Shared.Next(Count);
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // Taken: draw another.
            }
        }
        throw new InvalidOperationException($"No free loopback port found in {First}-{First + Count - 1}.");
    }
}
