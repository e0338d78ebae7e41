using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Runtime;

namespace Disambig.Silo;

/// <summary>
/// A single in-process silo that holds every role, listening on loopback only, with free ports:
/// the embedded default behind <c>disambig run</c>, needing no server or storage account.
/// </summary>
public sealed class EmbeddedSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private EmbeddedSilo(IHost host, int siloPort, int gatewayPort)
    {
        _host = host;
        SiloPort = siloPort;
        GatewayPort = gatewayPort;
    }

    public int SiloPort { get; }

    public int GatewayPort { get; }

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public IServiceProvider Services => _host.Services;

    /// <summary>
    /// Starts the silo; <paramref name="configureSilo"/> adds grains' providers and roles, <paramref name="configureServices"/>
    /// the caller's services.
    /// </summary>
    public static async Task<EmbeddedSilo> StartAsync(
        Action<IServiceCollection>? configureServices = null,
        Action<ILoggingBuilder>? configureLogging = null,
        Action<ISiloBuilder>? configureSilo = null,
        CancellationToken cancellationToken = default)
    {
        int siloPort = FreeLoopbackPort();
        int gatewayPort = FreeLoopbackPort();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        configureLogging?.Invoke(builder.Logging);
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(siloPort, gatewayPort);
            silo.Configure<EndpointOptions>(options =>
            {
                options.AdvertisedIPAddress = IPAddress.Loopback;
                options.SiloListeningEndpoint = new IPEndPoint(IPAddress.Loopback, siloPort);
                options.GatewayListeningEndpoint = new IPEndPoint(IPAddress.Loopback, gatewayPort);
            });
            configureSilo?.Invoke(silo);
        });
        configureServices?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        return new EmbeddedSilo(host, siloPort, gatewayPort);
    }

    /// <summary>The silos of the cluster as the management grain reports them.</summary>
    public async Task<IReadOnlyList<SiloAddress>> ActiveSilosAsync()
    {
        var hosts = await Grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
        return hosts.Keys.ToList();
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
