using Azure.Storage.Blobs;
using Disambig.Grains;
using Disambig.TestSupport;
using Disambig.TestSupport.Pipeline;
using Orleans.Runtime;

namespace Disambig.Silo.Tests.Processes;

/// <summary>
/// A cluster of silo processes on loopback over one storage account (Azurite): its own cluster id and containers,
/// the demo catalog's audio and the tiny model uploaded, a client connected, the catalog ingested and the model
/// registered. Disposing disconnects, kills every process and deletes the containers.
/// </summary>
public sealed class ProcessCluster : IAsyncDisposable
{
    private static readonly string[] Containers = ["catalog", "datasets", "models", "results", "state"];

    private readonly ClusterSiloSettings _settings;
    private readonly List<SiloProcess> _silos = [];
    private PipelineConnection? _client;

    private ProcessCluster(ClusterSiloSettings settings)
    {
        _settings = settings;
    }

    public IGrainFactory Grains => _client?.Grains ?? throw new InvalidOperationException("The client is not connected.");

    public IReadOnlyList<SiloProcess> Silos => _silos;

    /// <summary>Starts one silo process per role list and waits until the client sees them all active.</summary>
    public static async Task<ProcessCluster> StartAsync(string storageConnection, DemoCatalog catalog, params string[] rolesPerSilo)
    {
        var id = Guid.NewGuid().ToString("N")[..10];
        var settings = new ClusterSiloSettings
        {
            StorageConnection = storageConnection,
            ClusterId = $"test-{id}",
            ServiceId = $"test-{id}",
            ContainerPrefix = $"t{id}-",
            NightlySweepUtc = "",
        };
        var cluster = new ProcessCluster(settings);
        try
        {
            // The processes start while the catalog and the model are uploaded.
            foreach (var roles in rolesPerSilo)
            {
                cluster._silos.Add(SiloProcess.Start(SiloSettings(settings, roles), FreePorts.Loopback()));
            }
            var stores = ClusterSilo.Stores(settings);
            await catalog.UploadAsync(stores.Catalog);
            var model = await TinyModel.CreateAsync(stores.Models, catalog);
            await cluster.ConnectAsync(rolesPerSilo.Length);
            await cluster.Grains.GetGrain<ICatalogGrain>(CatalogKeys.Default).Ingest(catalog.Entries);
            await cluster.Grains.GetGrain<IModelRegistryGrain>(ModelRegistry.DefaultKey).Register(model, makeCurrent: true);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>The cluster's settings for one silo: its roles and two free ports.</summary>
    private static ClusterSiloSettings SiloSettings(ClusterSiloSettings cluster, string roles) => new()
    {
        Roles = roles,
        StorageConnection = cluster.StorageConnection,
        ClusterId = cluster.ClusterId,
        ServiceId = cluster.ServiceId,
        ContainerPrefix = cluster.ContainerPrefix,
        NightlySweepUtc = cluster.NightlySweepUtc,
        SiloPort = FreePorts.Loopback(),
        GatewayPort = FreePorts.Loopback(),
    };

    /// <summary>The silo process listening on <paramref name="silo"/>'s port.</summary>
    public SiloProcess ProcessOf(SiloAddress silo) => _silos.Single(process => process.Settings.SiloPort == silo.Endpoint.Port);

    /// <summary>Starts a full sweep and polls it to the end.</summary>
    public async Task<SweepReport> SweepAsync(string sweepId)
    {
        var sweep = Grains.GetGrain<ISweepGrain>(sweepId);
        var progress = await sweep.Start(SweepRequest.FullCatalog);
        // A bound on polls, not a timed assertion: a sweep that never ends fails the test instead of hanging it.
        for (var poll = 0; !progress.IsFinished; poll++)
        {
            if (poll > 1200) throw new TimeoutException($"Sweep {sweepId} did not finish: {progress}\n{Output()}");
            foreach (var silo in _silos) silo.EnsureRunning();
            await Task.Delay(250);
            progress = await sweep.GetProgress();
        }
        return await sweep.GetReport() ?? throw new InvalidOperationException($"Sweep {sweepId} completed without a report.");
    }

    /// <summary>Every name's latest result.</summary>
    public async Task<IReadOnlyDictionary<string, NameResult>> ResultsAsync() =>
        (await Grains.ReadAllResultsAsync()).ToDictionary(pair => pair.Name, pair => pair.Result!);

    public async ValueTask DisposeAsync()
    {
        if (_client is not null) await _client.DisposeAsync();
        foreach (var silo in _silos) await silo.DisposeAsync();
        var service = new BlobServiceClient(_settings.StorageConnection);
        foreach (var container in Containers)
        {
            await service.GetBlobContainerClient(_settings.ContainerPrefix + container).DeleteIfExistsAsync();
        }
    }

    /// <summary>Connects once a silo has written its gateway to the membership table, then waits for every silo.</summary>
    private async Task ConnectAsync(int silos)
    {
        // Bounds on attempts, not timed assertions: silo processes take seconds to start on a busy machine.
        for (var attempt = 0; _client is null; attempt++)
        {
            foreach (var silo in _silos) silo.EnsureRunning();
            try
            {
                _client = await PipelineConnection.OpenClusterAsync(_settings, CancellationToken.None);
            }
            catch (Exception) when (attempt < 120)
            {
                await Task.Delay(500);
            }
        }
        var management = Grains.GetGrain<IManagementGrain>(0);
        for (var attempt = 0; (await management.GetHosts(onlyActive: true)).Count < silos; attempt++)
        {
            foreach (var silo in _silos) silo.EnsureRunning();
            if (attempt > 240) throw new TimeoutException($"Not every silo joined the cluster:\n{Output()}");
            await Task.Delay(250);
        }
    }

    private string Output() => string.Join("\n\n", _silos.Select(silo => $"--- silo {silo.Settings.Roles} ---\n{silo.RecentOutput}"));
}
