using Disambig.Grains;
using Disambig.Grains.Catalog;
using Disambig.Silo;
using Disambig.TestSupport;
using Disambig.TestSupport.Pipeline;

namespace Disambig.Dashboard.Browser.Tests;

/// <summary>
/// The embedded pipeline serving its dashboard on 127.0.0.1 (a free port), over the small demo catalog (one homonym
/// name, three poison tracks) with the tiny model registered, after one full sweep has completed.
/// </summary>
public sealed class EmbeddedDashboardFixture : IAsyncLifetime
{
    /// <summary>Longest wait for a sweep; only a hung pipeline reaches it.</summary>
    public static readonly TimeSpan SweepTimeout = TimeSpan.FromMinutes(3);

    private readonly TemporaryFolder _work = new();

    public DemoCatalog Catalog { get; private set; } = null!;

    public EmbeddedSilo Silo { get; private set; } = null!;

    /// <summary>The dashboard's base URL, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public Uri Url { get; private set; } = null!;

    public SweepProgress FullSweep { get; private set; } = null!;

    /// <summary>The name whose tracks belong to more than one true artist.</summary>
    public string HomonymName => Catalog.HomonymNames.First();

    /// <summary>The homonym name as the catalog displays it.</summary>
    public string HomonymDisplayName => Catalog.Tracks.First(t => Catalog.HomonymNames.Contains(Disambig.Catalog.ArtistNameKey.From(t.ArtistName))).ArtistName;

    public async Task InitializeAsync()
    {
        Catalog = await DemoCatalog.GenerateAsync();
        var work = new WorkFolder(_work.Path);
        var model = await TinyModel.CreateAsync(work.Models, Catalog);
        Silo = await StartSiloAsync(work, Catalog);
        Url = new Uri(Silo.DashboardUrls.Single());
        await Silo.Grains.GetGrain<IModelRegistryGrain>(ModelRegistry.DefaultKey).Register(model, makeCurrent: true);
        await IngestAsync(Silo, Catalog);
        var started = await Silo.Grains.GetGrain<ISweepSchedulerGrain>(SweepScheduler.DefaultKey).StartFullSweep();
        FullSweep = await WaitForSweepAsync(started.SweepId);
    }

    /// <summary>The embedded pipeline over <paramref name="work"/> (its state, models, results), serving HTTP on a free loopback port.</summary>
    public static Task<EmbeddedSilo> StartSiloAsync(WorkFolder work, DemoCatalog catalog) =>
        EmbeddedPipeline.StartAsync(new EmbeddedPipelineSettings
        {
            WorkFolder = work.Root,
            CatalogFolder = catalog.Folder,
            Audio = TinyModel.Audio,
            Pipeline = options =>
            {
                options.PollInterval = TimeSpan.FromMilliseconds(300);
                options.RetryDelay = TimeSpan.FromMilliseconds(100);
                options.ProgressWriteInterval = TimeSpan.Zero;
                options.SweepFlushInterval = TimeSpan.Zero;
            },
            Http = http => http.Urls = "http://127.0.0.1:0",
        }, CancellationToken.None);

    /// <summary>Ingests the catalog: its records carry titles, albums and years; the poison tracks exist only as entries.</summary>
    public static async Task IngestAsync(EmbeddedSilo silo, DemoCatalog catalog)
    {
        var records = CatalogEntries.From(catalog.Tracks);
        var poison = catalog.Entries.Where(entry => records.All(record => record.TrackId != entry.TrackId));
        await silo.Grains.GetGrain<ICatalogGrain>(CatalogKeys.Default).Ingest([.. records, .. poison]);
    }

    /// <summary>Polls a sweep until it completes.</summary>
    public Task<SweepProgress> WaitForSweepAsync(string sweepId) => WaitForSweepAsync(Silo, sweepId);

    /// <summary>Polls a sweep of <paramref name="silo"/> until it completes.</summary>
    public static Task<SweepProgress> WaitForSweepAsync(EmbeddedSilo silo, string sweepId) => SweepWait.UntilFinishedAsync(silo.Grains, sweepId, SweepTimeout);

    public async Task DisposeAsync()
    {
        await Silo.DisposeAsync();
        Catalog.Dispose();
        _work.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class EmbeddedDashboardCollection : ICollectionFixture<EmbeddedDashboardFixture>
{
    public const string Name = "embedded dashboard";
}
