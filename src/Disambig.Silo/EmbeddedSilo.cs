using System.Net;
using System.Net.Sockets;
using Disambig.Dashboard;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Runtime;

namespace Disambig.Silo;

/// <summary>
/// A single in-process silo that holds every role, listening on loopback only, with free ports:
/// the embedded default behind <c>disambig run</c>, needing no server or storage account. With HTTP settings it also
/// serves the dashboard, the JSON API, metrics and health (<see cref="DashboardHostExtensions"/>).
/// </summary>
public sealed class EmbeddedSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private EmbeddedSilo(IHost host, int siloPort, int gatewayPort, IReadOnlyList<string> dashboardUrls)
    {
        _host = host;
        SiloPort = siloPort;
        GatewayPort = gatewayPort;
        DashboardUrls = dashboardUrls;
    }

    public int SiloPort { get; }

    public int GatewayPort { get; }

    /// <summary>Where the dashboard listens (ports resolved, so a configured port 0 shows the port taken); empty without HTTP.</summary>
    public IReadOnlyList<string> DashboardUrls { get; }

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public IServiceProvider Services => _host.Services;

    /// <summary>
    /// Starts the silo; <paramref name="configureSilo"/> adds grains' providers and roles, <paramref name="configureServices"/>
    /// the caller's services. <paramref name="configureHttp"/>, when given, turns the HTTP endpoint on (its URLs default to
    /// loopback; port 0 picks a free port) with the Orleans dashboard on the silo.
    /// </summary>
    public static async Task<EmbeddedSilo> StartAsync(
        Action<IServiceCollection>? configureServices = null,
        Action<ILoggingBuilder>? configureLogging = null,
        Action<ISiloBuilder>? configureSilo = null,
        Action<DashboardOptions>? configureHttp = null,
        CancellationToken cancellationToken = default)
    {
        int siloPort = FreeLoopbackPort();
        int gatewayPort = FreeLoopbackPort();
        void Configure(IHostApplicationBuilder builder, bool dashboard)
        {
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
                if (dashboard) silo.AddDisambigOrleansDashboard();
                configureSilo?.Invoke(silo);
            });
            configureServices?.Invoke(builder.Services);
        }

        IHost host;
        if (configureHttp is null)
        {
            var builder = Host.CreateApplicationBuilder();
            Configure(builder, dashboard: false);
            host = builder.Build();
        }
        else
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.AddDisambigHttp(configureHttp);
            Configure(builder, dashboard: true);
            var app = builder.Build();
            app.MapDisambigHttp();
            app.MapDisambigDashboard();
            host = app;
        }
        await host.StartAsync(cancellationToken);
        var urls = host is WebApplication web ? web.Urls.ToList() : [];
        return new EmbeddedSilo(host, siloPort, gatewayPort, urls);
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
        if (_host is IAsyncDisposable asyncDisposable) await asyncDisposable.DisposeAsync();
        else _host.Dispose();
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
