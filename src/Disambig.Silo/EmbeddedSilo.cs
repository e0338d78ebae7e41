using System.Net;
using System.Net.Sockets;
using Disambig.Dashboard;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
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

    /// <summary>Starts with fresh silo and gateway ports after one was taken in between (at most this many starts).</summary>
    private const int PortTries = 5;

    /// <summary>
    /// Starts the silo; <paramref name="configureSilo"/> adds grains' providers and roles, <paramref name="configureServices"/>
    /// the caller's services. <paramref name="configureHttp"/>, when given, turns the HTTP endpoint on (its URLs default to
    /// loopback; port 0 picks a free port) with the Orleans dashboard on the silo.
    /// </summary>
    public static Task<EmbeddedSilo> StartAsync(
        Action<IServiceCollection>? configureServices = null,
        Action<ILoggingBuilder>? configureLogging = null,
        Action<ISiloBuilder>? configureSilo = null,
        Action<DashboardOptions>? configureHttp = null,
        CancellationToken cancellationToken = default) =>
        StartAsync(FreeLoopbackPort, configureServices, configureLogging, configureSilo, configureHttp, cancellationToken);

    /// <summary>
    /// As the public overload, drawing the silo and gateway ports from <paramref name="freePort"/>. Orleans takes no port
    /// 0, so a port is drawn free and bound only when the silo starts: meanwhile another process (an outgoing
    /// connection's source port, another embedded silo drawing the same port) may take it. The silo then fails to bind
    /// and starts again on fresh ports, up to <see cref="PortTries"/> times; a configured HTTP address that is taken
    /// fails at once.
    /// </summary>
    internal static async Task<EmbeddedSilo> StartAsync(
        Func<int> freePort,
        Action<IServiceCollection>? configureServices,
        Action<ILoggingBuilder>? configureLogging,
        Action<ISiloBuilder>? configureSilo,
        Action<DashboardOptions>? configureHttp,
        CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var (siloPort, gatewayPort) = (freePort(), freePort());
            var host = Build(siloPort, gatewayPort, configureServices, configureLogging, configureSilo, configureHttp);
            try
            {
                await host.StartAsync(cancellationToken);
            }
            catch (Exception error)
            {
                await DisposeFailedAsync(host);
                if (attempt < PortTries && SiloPortTaken(error)) continue;
                throw;
            }
            var urls = host is WebApplication web ? web.Urls.ToList() : [];
            return new EmbeddedSilo(host, siloPort, gatewayPort, urls);
        }
    }

    private static IHost Build(int siloPort, int gatewayPort, Action<IServiceCollection>? configureServices,
        Action<ILoggingBuilder>? configureLogging, Action<ISiloBuilder>? configureSilo, Action<DashboardOptions>? configureHttp)
    {
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

        if (configureHttp is null)
        {
            var builder = Host.CreateApplicationBuilder();
            Configure(builder, dashboard: false);
            return builder.Build();
        }
        var web = WebApplication.CreateSlimBuilder();
        web.AddDisambigHttp(configureHttp);
        Configure(web, dashboard: true);
        var app = web.Build();
        app.MapDisambigHttp();
        app.MapDisambigDashboard();
        return app;
    }

    /// <summary>
    /// Whether the start failed because the silo or gateway port was taken: Orleans' listener throws
    /// <see cref="AddressInUseException"/>; Kestrel wraps its own in an <see cref="IOException"/> naming the
    /// configured HTTP address, which fresh silo ports would not free.
    /// </summary>
    private static bool SiloPortTaken(Exception error)
    {
        for (Exception? cause = error; cause is not null; cause = cause.InnerException)
        {
            if (cause is IOException) return false;
            if (cause is AddressInUseException) return true;
        }
        return false;
    }

    /// <summary>Stops and disposes a host whose start failed, so that what it started (listeners, timers) ends with it.</summary>
    private static async Task DisposeFailedAsync(IHost host)
    {
        try
        {
            await host.StopAsync(CancellationToken.None);
        }
        catch (Exception)
        {
            // The start's error is the one to report.
        }
        if (host is IAsyncDisposable asyncDisposable) await asyncDisposable.DisposeAsync();
        else host.Dispose();
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
