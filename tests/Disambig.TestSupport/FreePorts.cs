using System.Net;
using System.Net.Sockets;

namespace Disambig.TestSupport;

/// <summary>TCP ports on loopback that nothing listens on.</summary>
public static class FreePorts
{
    /// <summary>A port the system just handed out and released; free unless another process takes it in between.</summary>
    public static int Loopback()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
