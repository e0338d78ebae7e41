using Disambig.Catalog;
using Disambig.Datasets.Recipes;
using Disambig.Storage;
using Disambig.TestSupport;

namespace Disambig.Datasets.Tests;

/// <summary>Recipes built end to end from real audio, on every store backend, reading the catalog from that backend.</summary>
public abstract class RecipeBuildTests(TinyDemoCatalog catalog) : IDisposable
{
    protected readonly TemporaryFolder Temporary = new();

    protected TinyDemoCatalog Demo { get; } = catalog;

    protected abstract IBlobStore Store { get; }

    /// <summary>The tiny demo catalog as this backend holds it.</summary>
    protected abstract CatalogSource Catalog { get; }

    public void Dispose() => Temporary.Dispose();

    /// <summary>Counts the tracks actually decoded.</summary>
    protected sealed class CountingSource : ITrackSegmentSource
    {
        private readonly AudioTrackSegmentSource _audio = new();
        private int _reads;

        public int Reads => _reads;

        public Task<TrackSegments> ReadAsync(string path, TrackSampling sampling, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _reads);
            return _audio.ReadAsync(path, sampling, cancellationToken);
        }
    }

    /// <summary>Cancels the build, synchronously, once a number of tracks of the training split are done.</summary>
    private sealed class CancelAfter(int tracks, CancellationTokenSource cancellation) : IProgress<BuildProgress>
    {
        public void Report(BuildProgress value)
        {
            if (value.Split == SplitNames.Train && value.Done >= tracks) cancellation.Cancel();
        }
    }

    protected Task<BuildReport> BuildAsync(RecipeOptions options, string prefix, ITrackSegmentSource source, IProgress<BuildProgress>? progress = null, CancellationToken cancellationToken = default) =>
        DatasetBuilder.BuildFromCatalogAsync(Catalog, options, Store, prefix, source, Temporary["cache"], progress, cancellationToken);

    protected static RecipeOptions SmallMsd() => new()
    {
        Recipe = DatasetRecipe.MsdSmall, Artists = 2, TracksPerArtist = 4, TrainTracksPerArtist = 3, ExcerptSeconds = 6, ShardCapacity = 2,
    };

    [Fact]
    public async Task Build_Unbalanced_WritesSplitsAndBalancedVersionsSkipsTheBrokenTrackAndIsIdempotent()
    {
        var options = new RecipeOptions { Recipe = DatasetRecipe.Unbalanced, SamplesPerTrack = 2, ShardCapacity = 4 };
        var source = new CountingSource();
        var report = await BuildAsync(options, "unbalanced/", source);

        Assert.Equal([SplitNames.Train, SplitNames.EarlyStopping, SplitNames.TrainCutDown, SplitNames.TrainRepeated], report.Splits.Select(s => s.Name));
        var skipped = Assert.Single(report.Splits.SelectMany(s => s.Skipped));
        Assert.Equal((Demo.BrokenTrack.TrackId, "NotMedia"), (skipped.TrackId, skipped.Reason));
        Assert.StartsWith(Catalog.AudioNameOf(Demo.BrokenTrack) + ":", skipped.Detail);
        Assert.Equal(21, source.Reads);

        var train = report.Splits[0];
        Assert.Equal((3, 2), (train.Artists, report.Splits[1].Artists));
        Assert.Equal(2 * train.Tracks, train.Segments);
        using (var dataset = await ShardedSegmentDataset.OpenAsync(Store, train.Prefix, Temporary["cache"], CancellationToken.None))
        {
            Assert.Equal(train.DatasetDigest, dataset.Digest);
            Assert.Equal((388, 128, train.Segments), (dataset.Frames, dataset.MelBands, dataset.Labels.SegmentCount));
            Assert.Equal(train.PlanDigest, dataset.Manifest.Recipe["planDigest"]);
            var values = new float[388 * 128];
            await dataset.ReadSegmentsAsync(new[] { train.Segments - 1 }, values, CancellationToken.None);
            Assert.Contains(values, v => v > 0);
        }
        foreach (var version in report.Splits.Skip(2))
        {
            using var balanced = await ShardedSegmentDataset.OpenAsync(Store, version.Prefix, Temporary["cache"], CancellationToken.None);
            var counts = Enumerable.Range(0, balanced.Labels.ArtistCount).Select(a => balanced.Labels.SegmentsOf(a).Count).Distinct().ToList();
            Assert.Single(counts);
            Assert.Equal(3, balanced.Labels.ArtistCount);
        }

        var rerun = await BuildAsync(options, "unbalanced/", source);
        Assert.All(rerun.Splits, s => Assert.True(s.AlreadyBuilt));
        Assert.Equal(report.Splits.Select(s => s.DatasetDigest), rerun.Splits.Select(s => s.DatasetDigest));
        Assert.Equal(21, source.Reads);
    }

    [Fact]
    public async Task Build_InterruptedThenRerun_DecodesOnlyWhatIsMissingAndGivesTheSameDataset()
    {
        var reference = await BuildAsync(SmallMsd(), "reference/", new CountingSource());

        using var cancellation = new CancellationTokenSource();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            BuildAsync(SmallMsd(), "resumed/", new CountingSource(), new CancelAfter(4, cancellation), cancellation.Token));
        var source = new CountingSource();
        var resumed = await BuildAsync(SmallMsd(), "resumed/", source);

        Assert.Equal(reference.Splits.Select(s => s.DatasetDigest), resumed.Splits.Select(s => s.DatasetDigest));
        Assert.Equal(reference.Splits.Select(s => s.PlanDigest), resumed.Splits.Select(s => s.PlanDigest));
        Assert.InRange(source.Reads, 1, reference.Splits.Sum(s => s.Tracks ?? 0) - 2);
        var train = resumed.Splits[0];
        Assert.Equal(2, train.Artists);
        Assert.Equal(2 * train.Tracks, train.Segments);
    }
}

[Collection(TinyDemoCatalogCollection.Name)]
public sealed class LocalFolderRecipeBuildTests : RecipeBuildTests
{
    public LocalFolderRecipeBuildTests(TinyDemoCatalog catalog) : base(catalog)
    {
        Store = new LocalFolderBlobStore(Temporary["store"]);
        Catalog = CatalogSource.FromLocal(catalog.Folder);
    }

    protected override IBlobStore Store { get; }

    protected override CatalogSource Catalog { get; }
}

/// <summary>The catalog and its audio in one blob container, the datasets in another prefix of it.</summary>
[Collection(TinyDemoCatalogCollection.Name)]
public sealed class AzureBlobRecipeBuildTests(TinyDemoCatalog catalog, AzuriteContainer azurite) : RecipeBuildTests(catalog), IClassFixture<AzuriteContainer>, IAsyncLifetime
{
    private readonly AzureBlobStore _catalogStore = new(azurite.Container, $"catalog-{Guid.NewGuid():N}/");

    protected override IBlobStore Store { get; } = new AzureBlobStore(azurite.Container, $"run-{Guid.NewGuid():N}/");

    protected override CatalogSource Catalog => CatalogSource.FromStore(_catalogStore, "tiny/");

    public async Task InitializeAsync()
    {
        foreach (var file in Directory.EnumerateFiles(Demo.Folder, "*", SearchOption.AllDirectories))
        {
            await using var content = File.OpenRead(file);
            await _catalogStore.WriteAsync("tiny/" + Path.GetRelativePath(Demo.Folder, file).Replace('\\', '/'), content, CancellationToken.None);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Build_FromBlobCatalog_GivesTheDatasetsOfTheLocalFolder()
    {
        var local = await DatasetBuilder.BuildFromCatalogAsync(
            CatalogSource.FromLocal(Demo.Folder), SmallMsd(), new LocalFolderBlobStore(Temporary["local"]), "msd/", new CountingSource(), Temporary["cache"], null, CancellationToken.None);

        var fromBlob = await BuildAsync(SmallMsd(), "msd/", new CountingSource());

        Assert.Equal(local.CatalogDigest, fromBlob.CatalogDigest);
        Assert.Equal(local.Splits.Select(s => (s.PlanDigest, s.DatasetDigest, s.Segments)), fromBlob.Splits.Select(s => (s.PlanDigest, s.DatasetDigest, s.Segments)));
    }

    [Fact]
    public async Task Build_AudioBlobMissing_SkipsThatTrackNamingTheBlob()
    {
        var plan = RecipePlanner.Plan(await CatalogJsonLines.ReadFileAsync(Demo.CatalogFile), SmallMsd());
        var missing = plan.Splits[0].Tracks.Select(t => t.Track).First(t => t.TrackId != Demo.BrokenTrack.TrackId);
        Assert.True(await _catalogStore.DeleteAsync("tiny/" + missing.AudioPath, CancellationToken.None));

        var report = await BuildAsync(SmallMsd(), "msd/", new CountingSource());

        var skipped = Assert.Single(report.Splits.SelectMany(s => s.Skipped), s => s.Reason == "FileNotFound");
        Assert.Equal(missing.TrackId, skipped.TrackId);
        Assert.Contains("tiny/" + missing.AudioPath, skipped.Detail);
        Assert.Equal(plan.Splits.Sum(s => s.Tracks.Count), report.Splits.Sum(s => (s.Tracks ?? 0) + s.Skipped.Count));
    }
}
