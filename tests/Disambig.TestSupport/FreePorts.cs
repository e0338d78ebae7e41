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

    // Each process walks the range from its own random start, one port after the other, so that it never hands out
    // a port twice (a port handed out is bound later, by a child process) and test processes running at once rarely meet.
    private static int _next = Random.Shared.Next(Count);

    /// <summary>
    /// A port of 20 000-31 999 that could be bound just now and that this process has not handed out before; free
    /// unless another process binds it in between.
    /// </summary>
    public static int Loopback()
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var port = First + Interlocked.Increment(ref _next) % Count;
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // Taken: try the next one.
            }
        }
        throw new InvalidOperationException($"No free loopback port found in {First}-{First + Count - 1}.");
    }
}
