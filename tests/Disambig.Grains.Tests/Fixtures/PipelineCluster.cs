using Disambig.TestSupport;
using Disambig.Silo;
using Microsoft.Extensions.Configuration;
using Orleans.TestingHost;

namespace Disambig.Grains.Tests.Fixtures;

/// <summary>
/// A test cluster of in-process silos running the pipeline on the demo catalog and the tiny model, with its own grain
/// state and results (a fresh work folder), the catalog ingested and the model registered.
/// </summary>
public sealed class PipelineCluster : IAsyncDisposable
{
    private readonly TemporaryFolder _work;
    private readonly List<SiloHandle> _restarted = [];

    private PipelineCluster(TestCluster cluster, TemporaryFolder work)
    {
        Cluster = cluster;
        _work = work;
    }

    public TestCluster Cluster { get; }

    public IClusterClient Client => Cluster.Client;

    /// <summary>The results folder (<c>names/</c>, <c>sweeps/</c>).</summary>
    public string ResultsFolder => Path.Combine(_work.Path, "results");

    /// <summary>The folder of the datasets store (training catalogs).</summary>
    public string DatasetsFolder => new WorkFolder(_work.Path).Datasets;

    /// <summary>Starts one silo per role list: the first is "Primary", the others "Secondary_1", "Secondary_2", ...</summary>
    public static Task<PipelineCluster> StartAsync(PipelineFixture fixture, params string[] rolesPerSilo) =>
        StartAsync(fixture, null, rolesPerSilo);

    /// <summary>
    /// As <see cref="StartAsync(PipelineFixture, string[])"/>, with grain state and results in blob containers of the
    /// storage account of <paramref name="storageConnection"/> when given (else in the work folder).
    /// </summary>
    public static Task<PipelineCluster> StartAsync(PipelineFixture fixture, string? storageConnection, string[] rolesPerSilo) =>
        StartAsync(fixture, storageConnection, rolesPerSilo, fixture.Catalog.Entries);

    /// <summary>As <see cref="StartAsync(PipelineFixture, string?, string[])"/>, ingesting only <paramref name="entries"/>.</summary>
    /// <param name="extraSettings">More configuration of every silo (see <see cref="PipelineSiloConfigurator"/>'s keys).</param>
    public static async Task<PipelineCluster> StartAsync(
        PipelineFixture fixture, string? storageConnection, string[] rolesPerSilo, IReadOnlyList<CatalogEntry> entries,
        IReadOnlyDictionary<string, string?>? extraSettings = null)
    {
        var work = new TemporaryFolder();
        var settings = new Dictionary<string, string?>
        {
            [PipelineSiloConfigurator.CatalogKey] = fixture.Catalog.Folder,
            [PipelineSiloConfigurator.ModelsKey] = fixture.ModelsFolder,
            [PipelineSiloConfigurator.WorkKey] = work.Path,
        };
        if (storageConnection is not null) settings[PipelineSiloConfigurator.StorageConnectionKey] = storageConnection;
        foreach (var (key, value) in extraSettings ?? new Dictionary<string, string?>()) settings[key] = value;
        for (var i = 0; i < rolesPerSilo.Length; i++)
        {
            settings[PipelineSiloConfigurator.RolesKey(SiloName(i))] = rolesPerSilo[i];
        }
        var builder = new TestClusterBuilder((short)rolesPerSilo.Length);
        builder.ConfigureHostConfiguration(configuration => configuration.AddInMemoryCollection(settings));
        builder.AddSiloBuilderConfigurator<PipelineSiloConfigurator>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        await cluster.Client.GetGrain<ICatalogGrain>(CatalogKeys.Default).Ingest(entries);
        await cluster.Client.GetGrain<IModelRegistryGrain>(ModelRegistry.DefaultKey).Register(fixture.Model, makeCurrent: true);
        return new PipelineCluster(cluster, work);
    }

    /// <summary>The TestingHost name of silo <paramref name="index"/>.</summary>
    public static string SiloName(int index) => index == 0 ? "Primary" : $"Secondary_{index}";

    /// <summary>The running silo named <paramref name="name"/>.</summary>
    public SiloHandle Silo(string name) => Cluster.Silos.Single(silo => silo.Name == name);

    /// <summary>Starts again a silo stopped earlier, under the same name (so with the same roles).</summary>
    public async Task RestartAsync(int instanceNumber)
    {
        _restarted.Add(await Cluster.StartSiloAsync(instanceNumber, Cluster.Options, startSiloOnNewPort: true));
    }

    /// <summary>Starts a full sweep and polls it to the end; <paramref name="onProgress"/> sees each poll (to disturb the cluster).</summary>
    public async Task<SweepReport> SweepAsync(string sweepId, Func<SweepProgress, Task>? onProgress = null)
    {
        await Client.GetGrain<ISweepGrain>(sweepId).Start(SweepRequest.FullCatalog);
        return await FollowAsync(sweepId, onProgress);
    }

    /// <summary>Polls a started sweep to the end; <paramref name="onProgress"/> sees each poll.</summary>
    public async Task<SweepReport> FollowAsync(string sweepId, Func<SweepProgress, Task>? onProgress = null)
    {
        var sweep = Client.GetGrain<ISweepGrain>(sweepId);
        var progress = await sweep.GetProgress();
        // A bound on polls, not a timed assertion: a sweep that never ends fails the test instead of hanging it.
        for (var poll = 0; !progress.IsFinished; poll++)
        {
            if (poll > 3000) throw new TimeoutException($"Sweep {sweepId} did not finish: {progress}");
            if (onProgress is not null) await onProgress(progress);
            await Task.Delay(100);
            progress = await sweep.GetProgress();
        }
        return await sweep.GetReport() ?? throw new InvalidOperationException($"Sweep {sweepId} completed without a report.");
    }

    /// <summary>Every outcome of a sweep, read page by page through its coordinator (<paramref name="pageSize"/> per page).</summary>
    public async Task<IReadOnlyList<NameOutcome>> OutcomesAsync(string sweepId, bool failuresOnly = false, int pageSize = 500)
    {
        var outcomes = new List<NameOutcome>();
        await foreach (var outcome in Client.ReadOutcomesAsync(sweepId, failuresOnly, pageSize)) outcomes.Add(outcome);
        return outcomes;
    }

    /// <summary>Every outcome line of the sweep's result chunk files, read from the results folder directly.</summary>
    public async Task<IReadOnlyList<NameOutcome>> ChunkFileOutcomesAsync(string sweepId)
    {
        var folder = Path.Combine(ResultsFolder, "sweeps", sweepId);
        var outcomes = new List<NameOutcome>();
        if (!Directory.Exists(folder)) return outcomes;
        foreach (var file in Directory.EnumerateFiles(folder, "chunk-*.jsonl", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            await using var stream = File.OpenRead(file);
            outcomes.AddRange(await Sweeps.SweepBlobs.ReadLinesAsync<NameOutcome>(stream, file, CancellationToken.None));
        }
        return outcomes;
    }

    /// <summary>Every name's latest result.</summary>
    public async Task<IReadOnlyDictionary<string, NameResult>> ResultsAsync() =>
        (await Client.ReadAllResultsAsync()).ToDictionary(pair => pair.Name, pair => pair.Result!);

    public async ValueTask DisposeAsync()
    {
        foreach (var silo in _restarted) await Cluster.StopSiloAsync(silo);
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        _work.Dispose();
    }
}
