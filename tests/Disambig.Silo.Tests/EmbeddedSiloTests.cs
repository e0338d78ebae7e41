namespace Disambig.Silo.Tests;

public sealed class EmbeddedSiloTests
{
    [Fact]
    public async Task StartAsync_OnLoopback_ReportsOneActiveSiloAndStops()
    {
        await using var silo = await EmbeddedSilo.StartAsync();
        var silos = await silo.ActiveSilosAsync();
        var only = Assert.Single(silos);
        Assert.Equal(System.Net.IPAddress.Loopback, only.Endpoint.Address);
        Assert.NotEqual(silo.SiloPort, silo.GatewayPort);
    }
}
