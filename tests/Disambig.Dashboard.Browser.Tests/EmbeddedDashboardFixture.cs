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
        Silo = await EmbeddedPipeline.StartAsync(new EmbeddedPipelineSettings
        {
            WorkFolder = work.Root,
            CatalogFolder = Catalog.Folder,
            Audio = TinyModel.Audio,
            Pipeline = options =>
            {
                options.PollInterval = TimeSpan.FromMilliseconds(300);
                options.RetryDelay = TimeSpan.FromMilliseconds(100);
                options.ProgressWriteInterval = TimeSpan.Zero;
            },
            Http = http => http.Urls = "http://127.0.0.1:0",
        }, CancellationToken.None);
        Url = new Uri(Silo.DashboardUrls.Single());
        await Silo.Grains.GetGrain<IModelRegistryGrain>(ModelRegistry.DefaultKey).Register(model, makeCurrent: true);
        // The catalog's records carry titles, albums and years; the poison tracks exist only as entries.
        var records = CatalogEntries.From(Catalog.Tracks);
        var poison = Catalog.Entries.Where(entry => records.All(record => record.TrackId != entry.TrackId));
        await Silo.Grains.GetGrain<ICatalogGrain>(CatalogKeys.Default).Ingest([.. records, .. poison]);
        var started = await Silo.Grains.GetGrain<ISweepSchedulerGrain>(SweepScheduler.DefaultKey).StartFullSweep();
        FullSweep = await WaitForSweepAsync(started.SweepId);
    }

    /// <summary>Polls a sweep until it completes.</summary>
    public async Task<SweepProgress> WaitForSweepAsync(string sweepId)
    {
        var sweep = Silo.Grains.GetGrain<ISweepGrain>(sweepId);
        using var timeout = new CancellationTokenSource(SweepTimeout);
        var progress = await sweep.GetProgress();
        while (!progress.IsFinished)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200), timeout.Token);
            progress = await sweep.GetProgress();
        }
        return progress;
    }

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
