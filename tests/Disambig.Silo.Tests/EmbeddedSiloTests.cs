using System.Net;
using System.Net.Sockets;
using Disambig.TestSupport;

namespace Disambig.Silo.Tests;

public sealed class EmbeddedSiloTests
{
    [Fact]
    public async Task StartAsync_OnLoopback_ReportsOneActiveSiloAndStops()
    {
        await using var silo = await EmbeddedSilo.StartAsync();
        var silos = await silo.ActiveSilosAsync();
        var only = Assert.Single(silos);
        Assert.Equal(IPAddress.Loopback, only.Endpoint.Address);
        Assert.NotEqual(silo.SiloPort, silo.GatewayPort);
    }

    [Fact]
    public async Task StartAsync_SiloPortTakenAfterItWasDrawn_StartsOnFreshPorts()
    {
        // The port drawn free is taken before the silo binds it (an outgoing connection's source port, another silo).
        using var taken = new TcpListener(IPAddress.Loopback, FreePorts.Loopback());
        taken.Start();
        var draws = new Queue<int>([((IPEndPoint)taken.LocalEndpoint).Port]);

        await using var silo = await EmbeddedSilo.StartAsync(() => draws.TryDequeue(out var port) ? port : FreePorts.Loopback(),
            null, null, null, null, CancellationToken.None);

        Assert.NotEqual(((IPEndPoint)taken.LocalEndpoint).Port, silo.SiloPort);
        Assert.Equal(silo.SiloPort, Assert.Single(await silo.ActiveSilosAsync()).Endpoint.Port);
    }

    [Fact]
    public async Task StartAsync_HttpAddressTaken_FailsAtOnceNamingIt()
    {
        using var taken = new TcpListener(IPAddress.Loopback, FreePorts.Loopback());
        taken.Start();
        var url = $"http://127.0.0.1:{((IPEndPoint)taken.LocalEndpoint).Port}";
        var draws = 0;

        var error = await Assert.ThrowsAsync<IOException>(() => EmbeddedSilo.StartAsync(() => { draws++; return FreePorts.Loopback(); },
            null, null, null, http => http.Urls = url, CancellationToken.None));

        Assert.Contains(url, error.Message, StringComparison.Ordinal);
        Assert.Equal(2, draws); // one start: fresh silo ports would not free the configured address
    }
}
