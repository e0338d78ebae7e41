using Azure.Storage.Blobs;
using Disambig.Grains;
using Disambig.Grains.Services;
using Disambig.Silo;
using Disambig.TestSupport.Pipeline;
using Orleans.Runtime;

namespace Disambig.TestSupport.Processes;

/// <summary>
/// A cluster of silo processes on loopback over one storage account (Azurite): its own cluster id and containers,
/// the demo catalog's audio and the tiny model uploaded, a client connected, the catalog ingested and the model
/// registered. Disposing disconnects, kills every process and deletes the containers.
/// </summary>
public sealed class ProcessCluster : IAsyncDisposable
{
    private static readonly string[] Containers = ["catalog", "datasets", "models", "results", "state"];

    /// <summary>
    /// Longest wait for silo processes to join, to replace a killed one or to declare it dead: a bound, not a timed
    /// assertion (a silo process starts in seconds on a quiet machine, far slower while the whole suite runs on two cores).
    /// </summary>
    private static readonly TimeSpan MembershipBound = TimeSpan.FromMinutes(3);

    private readonly ClusterSiloSettings _settings;
    private readonly IReadOnlyDictionary<string, string> _configuration;
    private readonly List<SiloProcess> _silos = [];
    private readonly List<SiloProcess> _killed = [];
    private PipelineConnection? _client;

    private ProcessCluster(ClusterSiloSettings settings, IReadOnlyDictionary<string, string> configuration)
    {
        _settings = settings;
        _configuration = configuration;
    }

    public IGrainFactory Grains => _client?.Grains ?? throw new InvalidOperationException("The client is not connected.");

    /// <summary>The silo processes that were not killed.</summary>
    public IReadOnlyList<SiloProcess> Silos => _silos;

    /// <summary>The cluster's stores (blob containers of its own prefix).</summary>
    public PipelineStores Stores => ClusterSilo.Stores(_settings);

    /// <summary>Starts one silo process per role list and waits until the client sees them all active.</summary>
    public static async Task<ProcessCluster> StartAsync(string storageConnection, DemoCatalog catalog, params string[] rolesPerSilo)
    {
        ModelVersionInfo? model = null;
        var cluster = await StartAsync(storageConnection, new Dictionary<string, string>(), async stores =>
        {
            await catalog.UploadAsync(stores.Catalog);
            model = await TinyModel.CreateAsync(stores.Models, catalog);
        }, rolesPerSilo);
        try
        {
            await cluster.Grains.GetGrain<ICatalogGrain>(CatalogKeys.Default).Ingest(catalog.Entries);
            await cluster.Grains.GetGrain<IModelRegistryGrain>(ModelRegistry.DefaultKey).Register(model!, makeCurrent: true);
            return cluster;
        }
        catch (Exception failure)
        {
            await DisposeAfterAsync(cluster, failure);
            throw;
        }
    }

    /// <summary>
    /// Starts one silo process per role list, each with the further <paramref name="configuration"/> keys (under
    /// <c>Disambig:</c>; <see cref="SiloProcess.TolerantMembership"/> unless they set <c>Membership:*</c> keys of their own), runs <paramref name="prepare"/> on the cluster's stores while they start, and waits until
    /// the client sees them all active. Nothing is ingested or registered.
    /// </summary>
    public static async Task<ProcessCluster> StartAsync(
        string storageConnection, IReadOnlyDictionary<string, string> configuration, Func<PipelineStores, Task> prepare, params string[] rolesPerSilo)
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
        var withMembership = new Dictionary<string, string>(SiloProcess.TolerantMembership);
        foreach (var (key, value) in configuration) withMembership[key] = value;
        var cluster = new ProcessCluster(settings, withMembership);
        try
        {
            // The processes start while the stores are prepared.
            foreach (var roles in rolesPerSilo) cluster.Launch(roles);
            await prepare(ClusterSilo.Stores(settings));
            await cluster.ConnectAsync();
            return cluster;
        }
        catch (Exception failure)
        {
            await DisposeAfterAsync(cluster, failure);
            throw;
        }
    }

    /// <summary>
    /// Starts a new process in place of <paramref name="killed"/>, as Kubernetes restarts a killed pod's container: same
    /// roles, same silo and gateway ports. Orleans declares the killed process dead as soon as the new one joins on its
    /// endpoint, instead of after missed probes (which a silo that judges its own health degraded, as on a loaded
    /// machine, may never vote). Waits until the new one is active and the old one dead.
    /// </summary>
    public async Task<SiloProcess> RestartAsync(SiloProcess killed)
    {
        if (!_killed.Contains(killed)) throw new ArgumentException("Only a killed silo of this cluster can be restarted.", nameof(killed));
        var silo = SiloProcess.Start(killed.Settings, FreePorts.Loopback(), _configuration);
        _silos.Add(silo);
        var management = Grains.GetGrain<IManagementGrain>(0);
        await PollAsync(() => ReplacedAsync(management, killed.Settings.SiloPort), [silo], "The restarted silo did not replace the killed one");
        return silo;
    }

    /// <summary>Starts one more silo process with <paramref name="roles"/> and waits until it is active.</summary>
    public async Task<SiloProcess> AddSiloAsync(string roles)
    {
        var silo = Launch(roles);
        await WaitForActiveSilosAsync();
        return silo;
    }

    /// <summary>
    /// Kills <paramref name="silo"/> with SIGKILL (<see cref="SiloProcess.KillAsync"/>): no graceful shutdown. The
    /// cluster declares it dead after missed probes; it no longer counts among <see cref="Silos"/>.
    /// </summary>
    public async Task KillAsync(SiloProcess silo)
    {
        if (!_silos.Remove(silo)) throw new ArgumentException("Not a running silo of this cluster.", nameof(silo));
        _killed.Add(silo);
        await silo.KillAsync();
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

    /// <summary>
    /// Starts a full sweep and polls it to the end, telling <paramref name="onProgress"/> every progress seen (a test
    /// kills a silo from there).
    /// </summary>
    public async Task<SweepReport> SweepAsync(string sweepId, Func<SweepProgress, Task>? onProgress = null)
    {
        var sweep = Grains.GetGrain<ISweepGrain>(sweepId);
        var progress = await sweep.Start(SweepRequest.FullCatalog);
        // A bound on polls, not a timed assertion: a sweep that never ends fails the test instead of hanging it.
        for (var poll = 0; !progress.IsFinished; poll++)
        {
            if (poll > 1200) throw new TimeoutException($"Sweep {sweepId} did not finish: {progress}\n{Output()}");
            foreach (var silo in _silos) silo.EnsureRunning();
            if (onProgress is not null) await onProgress(progress);
            await Task.Delay(250);
            try
            {
                progress = await sweep.GetProgress();
            }
            catch (Exception e) when (e is not OperationCanceledException && _killed.Count > 0)
            {
                // The client's gateway, or the sweep's silo, was killed: the next poll goes through a live gateway,
                // and asking resumes the sweep on a live silo.
            }
        }
        return await sweep.GetReport() ?? throw new InvalidOperationException($"Sweep {sweepId} completed without a report.");
    }

    /// <summary>Every name's latest result.</summary>
    public async Task<IReadOnlyDictionary<string, NameResult>> ResultsAsync()
    {
        try
        {
            return (await Grains.ReadAllResultsAsync()).ToDictionary(pair => pair.Name, pair => pair.Result!);
        }
        catch (Exception e) when (e is OrleansException or TimeoutException)
        {
            throw new InvalidOperationException($"Reading the results failed ({e.GetType().Name}: {e.Message}):\n{Output()}", e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_client is not null) await _client.DisposeAsync();
        foreach (var silo in _silos.Concat(_killed)) await silo.DisposeAsync();
        var service = new BlobServiceClient(_settings.StorageConnection);
        foreach (var container in Containers)
        {
            await service.GetBlobContainerClient(_settings.ContainerPrefix + container).DeleteIfExistsAsync();
        }
    }

    /// <summary>Disposes a cluster that failed to start; a failure to clean up must not hide why it failed.</summary>
    private static async Task DisposeAfterAsync(ProcessCluster cluster, Exception failure)
    {
        try
        {
            await cluster.DisposeAsync();
        }
        catch (Exception cleanup)
        {
            throw new AggregateException($"The cluster failed to start ({failure.Message}), then to clean up.", failure, cleanup);
        }
    }

    private SiloProcess Launch(string roles)
    {
        var silo = SiloProcess.Start(SiloSettings(_settings, roles), FreePorts.Loopback(), _configuration);
        _silos.Add(silo);
        return silo;
    }

    /// <summary>Connects once a silo has written its gateway to the membership table, then waits for every silo.</summary>
    private async Task ConnectAsync()
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
        await WaitForActiveSilosAsync();
    }

    /// <summary>Waits until every running silo process is an active member.</summary>
    private async Task WaitForActiveSilosAsync()
    {
        var management = Grains.GetGrain<IManagementGrain>(0);
        await PollAsync(() => AllActiveAsync(management), _silos, "Not every silo joined the cluster");
    }

    /// <summary>
    /// Polls <paramref name="done"/> every 250 ms until it holds, and returns how many polls failed; throws with the
    /// silos' output when one of <paramref name="running"/> exits, or after <see cref="MembershipBound"/>.
    /// </summary>
    private async Task<int> PollAsync(Func<Task<bool>> done, IReadOnlyList<SiloProcess> running, string failure)
    {
        var deadline = DateTime.UtcNow + MembershipBound;
        var polls = 0;
        while (!await done())
        {
            foreach (var silo in running) silo.EnsureRunning();
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{failure}:\n{Output()}");
            await Task.Delay(250);
            polls++;
        }
        return polls;
    }

    /// <summary>
    /// Waits until the cluster's membership declares <paramref name="killed"/> dead without anything taking its place
    /// (the survivors' missed probes and votes), and returns how many polls of 250 ms it took.
    /// </summary>
    public async Task<int> WaitUntilDeclaredDeadAsync(SiloProcess killed)
    {
        if (!_killed.Contains(killed)) throw new ArgumentException("Only a killed silo of this cluster can be declared dead.", nameof(killed));
        var management = Grains.GetGrain<IManagementGrain>(0);
        return await PollAsync(() => StatusOnPortAsync(management, killed.Settings.SiloPort, statuses => statuses.Contains(SiloStatus.Dead)),
            _silos, "The cluster did not declare the killed silo dead");
    }

    private static Task<bool> ReplacedAsync(IManagementGrain management, int port) =>
        StatusOnPortAsync(management, port, statuses => statuses.Contains(SiloStatus.Active) && statuses.Contains(SiloStatus.Dead));

    /// <summary>Whether the membership statuses of the silos that used <paramref name="port"/> satisfy <paramref name="test"/>.</summary>
    private static async Task<bool> StatusOnPortAsync(IManagementGrain management, int port, Func<IReadOnlyList<SiloStatus>, bool> test)
    {
        try
        {
            var onPort = (await management.GetHosts(onlyActive: false)).Where(pair => pair.Key.Endpoint.Port == port).Select(pair => pair.Value).ToList();
            return test(onPort);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The client's gateway may be the killed silo (a connection failure, whatever its type): the next question
            // goes through a live gateway.
            return false;
        }
    }

    private async Task<bool> AllActiveAsync(IManagementGrain management)
    {
        try
        {
            var active = await management.GetHosts(onlyActive: true);
            return _silos.All(silo => active.Keys.Any(address => address.Endpoint.Port == silo.Settings.SiloPort));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A silo that just joined may not answer the management grain yet: the next poll asks again.
            return false;
        }
    }

    private string Output() => string.Join("\n\n", _silos.Select(silo => $"--- silo {silo.Settings.Roles} ---\n{silo.RecentOutput}"));
}
