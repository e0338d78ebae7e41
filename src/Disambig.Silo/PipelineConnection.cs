using Disambig.Silo.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace Disambig.Silo;

/// <summary>
/// Where the CLI's commands send their grain calls: the embedded default (an in-process silo with every role over a
/// work folder, started for the command and stopped after it), or a cluster reached as an Orleans client.
/// </summary>
public sealed class PipelineConnection : IAsyncDisposable
{
    private readonly IAsyncDisposable _host;

    private PipelineConnection(IAsyncDisposable host, IGrainFactory grains, string resultsLocation, IReadOnlyList<string> dashboardUrls)
    {
        _host = host;
        Grains = grains;
        ResultsLocation = resultsLocation;
        DashboardUrls = dashboardUrls;
    }

    public IGrainFactory Grains { get; }

    /// <summary>Where sweep reports and name results are written (a folder, or a blob container).</summary>
    public string ResultsLocation { get; }

    /// <summary>Where the embedded silo serves its dashboard; empty when it serves none, and for a cluster client.</summary>
    public IReadOnlyList<string> DashboardUrls { get; }

    /// <summary>Starts the embedded silo over <paramref name="settings"/>'s work and catalog folders.</summary>
    public static async Task<PipelineConnection> OpenEmbeddedAsync(EmbeddedPipelineSettings settings, CancellationToken cancellationToken)
    {
        var silo = await EmbeddedPipeline.StartAsync(settings, cancellationToken);
        return new PipelineConnection(silo, silo.Grains, new WorkFolder(settings.WorkFolder).Results, silo.DashboardUrls);
    }

    /// <summary>Connects as a client to the cluster whose membership lives in the tables of <paramref name="settings"/>' storage.</summary>
    public static async Task<PipelineConnection> OpenClusterAsync(ClusterSiloSettings settings, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(options =>
            {
                options.ClusterId = settings.ClusterId;
                options.ServiceId = settings.ServiceId;
            });
            client.UseAzureStorageClustering(options => options.TableServiceClient = ClusterStorage.Parse(settings.StorageConnection).TableService());
            client.UseDisambigTls(settings);
            client.UseConnectionRetryFilter(new FewConnectionRetries().ShouldRetryConnectionAttempt);
        });
        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        return new PipelineConnection(new HostLifetime(host), host.Services.GetRequiredService<IClusterClient>(), ClusterSilo.Stores(settings).Results.Location, []);
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    /// <summary>
    /// Orleans clients retry a cluster with no gateway for minutes by default; a command says at once that no silo
    /// answers instead (three more tries, a second apart, cover silos that are just starting).
    /// </summary>
    private sealed class FewConnectionRetries
    {
        private const int Retries = 3;
        private int _tries;

        public async Task<bool> ShouldRetryConnectionAttempt(Exception error, CancellationToken cancellationToken)
        {
            if (error is not SiloUnavailableException || ++_tries > Retries) return false;
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            return true;
        }
    }

    /// <summary>Stops and disposes a client host.</summary>
    private sealed class HostLifetime(IHost host) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await host.StopAsync();
            host.Dispose();
        }
    }
}
