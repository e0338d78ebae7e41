using Disambig.Datasets.Recipes;
using Disambig.Storage;
using Disambig.TestSupport;

namespace Disambig.Datasets.Tests;

/// <summary>Recipes built end to end from real audio, on every store backend.</summary>
public abstract class RecipeBuildTests(TinyDemoCatalog catalog) : IDisposable
{
    protected readonly TemporaryFolder Temporary = new();

    protected abstract IBlobStore Store { get; }

    public void Dispose() => Temporary.Dispose();

    /// <summary>Counts the tracks actually decoded.</summary>
    private sealed class CountingSource : ITrackSegmentSource
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

    private Task<BuildReport> BuildAsync(RecipeOptions options, string prefix, ITrackSegmentSource source, IProgress<BuildProgress>? progress = null, CancellationToken cancellationToken = default) =>
        DatasetBuilder.BuildFromCatalogAsync(catalog.CatalogFile, options, Store, prefix, source, Temporary["cache"], progress, cancellationToken);

    private static RecipeOptions SmallMsd() => new()
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
        Assert.Equal((catalog.BrokenTrack.TrackId, "NotMedia"), (skipped.TrackId, skipped.Reason));
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
    public LocalFolderRecipeBuildTests(TinyDemoCatalog catalog) : base(catalog) => Store = new LocalFolderBlobStore(Temporary["store"]);

    protected override IBlobStore Store { get; }
}

[Collection(TinyDemoCatalogCollection.Name)]
public sealed class AzureBlobRecipeBuildTests(TinyDemoCatalog catalog, AzuriteContainer azurite) : RecipeBuildTests(catalog), IClassFixture<AzuriteContainer>
{
    protected override IBlobStore Store { get; } = new AzureBlobStore(azurite.Container, $"run-{Guid.NewGuid():N}/");
}
