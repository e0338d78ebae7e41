using Disambig.Storage;
using Disambig.TestSupport;

namespace Disambig.Datasets.Tests;

/// <summary>Writing then reading a prepared dataset, on every store backend.</summary>
public abstract class SegmentDatasetRoundTripTests : IDisposable
{
    private const int Frames = 6;
    private const int Bands = 4;
    private const int Capacity = 3;
    private static readonly ArtistEntry[] Artists = [new("Bill Evans (piano)", ["jazz"]), new("Bill Evans (banjo)", ["bluegrass", "folk"])];
    private static readonly Dictionary<string, string> Recipe = new() { ["recipe"] = "test" };

    protected readonly TemporaryFolder Temporary = new();

    protected abstract IBlobStore Store { get; }

    public void Dispose() => Temporary.Dispose();

    /// <summary>Segment s holds values s + v / 100, exact in float16 for these magnitudes up to ~1e-3 relative.</summary>
    private static float[] Segment(int s) => Enumerable.Range(0, Frames * Bands).Select(v => s + v / 100f).ToArray();

    private static int ArtistOf(int s) => s % 2;

    private async Task WriteAsync(string prefix, int segments, string plan = "plan-1", int? stopAfter = null)
    {
        var writer = await SegmentDatasetWriter.OpenAsync(Store, prefix, Frames, Bands, Capacity, plan, CancellationToken.None);
        for (int s = 0; s < segments; s++)
        {
            if (stopAfter == s) return;
            await writer.AddAsync(ArtistOf(s), writer.IsStored(s) ? ReadOnlyMemory<float>.Empty : Segment(s), CancellationToken.None);
        }
        await writer.CompleteAsync(Artists, Recipe, CancellationToken.None);
    }

    private async Task<float[]> ReadAsync(ShardedSegmentDataset dataset, params int[] segments)
    {
        var values = new float[segments.Length * Frames * Bands];
        await dataset.ReadSegmentsAsync(segments, values, CancellationToken.None);
        return values;
    }

    [Fact]
    public async Task WriteThenOpen_SevenSegments_ReturnsLabelsAndValuesInAnyOrder()
    {
        await WriteAsync("datasets/a/", 7);
        using var dataset = await ShardedSegmentDataset.OpenAsync(Store, "datasets/a/", Temporary["cache"], CancellationToken.None);

        Assert.Equal(7, dataset.Labels.SegmentCount);
        Assert.Equal(3, dataset.Manifest.Shards.Count);
        Assert.Equal(new[] { "jazz" }, dataset.Labels.Artists[0].Tags);
        Assert.All(Enumerable.Range(0, 7), s => Assert.Equal(ArtistOf(s), dataset.Labels.ArtistOf(s)));
        var values = await ReadAsync(dataset, 6, 0, 4);
        var expected = Segment(6).Concat(Segment(0)).Concat(Segment(4)).ToArray();
        Assert.All(Enumerable.Range(0, expected.Length), i => Assert.Equal(expected[i], values[i], expected[i] * 1e-3f + 1e-3f));
    }

    [Fact]
    public async Task WriteThenOpen_SegmentsOfTracks_GivesEachSegmentsTrackAndCreditedName()
    {
        var writer = await SegmentDatasetWriter.OpenAsync(Store, "datasets/t/", Frames, Bands, Capacity, "plan-t", CancellationToken.None);
        TrackEntry?[] tracks = [new("t1", "Bill Evans"), new("t1", "Bill Evans"), null, new("t2", "Bill Evans")];
        for (int s = 0; s < tracks.Length; s++) await writer.AddAsync(ArtistOf(s), tracks[s], Segment(s), CancellationToken.None);
        await writer.CompleteAsync(Artists, Recipe, CancellationToken.None);

        using var dataset = await ShardedSegmentDataset.OpenAsync(Store, "datasets/t/", Temporary["cache"], CancellationToken.None);

        Assert.Equal(SegmentDatasetManifest.CurrentFormat, dataset.Manifest.Format);
        Assert.True(dataset.HasTracks);
        Assert.Equal(tracks, Enumerable.Range(0, tracks.Length).Select(dataset.TrackOf));
        Assert.Equal(2, dataset.Manifest.Tracks!.Count);
    }

    [Fact]
    public async Task Open_TracklessFormat_StillReadsWithoutTracks()
    {
        await WriteAsync("datasets/v1/", 4);
        await using (var stream = await Store.OpenReadAsync("datasets/v1/manifest.json", CancellationToken.None))
        using (var reader = new StreamReader(stream))
        {
            var json = (await reader.ReadToEndAsync()).Replace(SegmentDatasetManifest.CurrentFormat, SegmentDatasetManifest.TracklessFormat);
            await Store.WriteAsync("datasets/v1/manifest.json", new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json)), CancellationToken.None);
        }

        using var dataset = await ShardedSegmentDataset.OpenAsync(Store, "datasets/v1/", Temporary["cache"], CancellationToken.None);

        Assert.False(dataset.HasTracks);
        Assert.Null(dataset.TrackOf(0));
        Assert.Equal(4, dataset.Labels.SegmentCount);
    }

    [Fact]
    public async Task Write_InterruptedThenRerun_KeepsFullShardsAndGivesSameDataset()
    {
        await WriteAsync("datasets/b/", 8);
        using (var reference = await ShardedSegmentDataset.OpenAsync(Store, "datasets/b/", Temporary["cache"], CancellationToken.None))
        {
            await Store.DeleteAsync("datasets/b/manifest.json", CancellationToken.None);
            await WriteAsync("datasets/c/", 8, stopAfter: 7);
            var resumed = await SegmentDatasetWriter.OpenAsync(Store, "datasets/c/", Frames, Bands, Capacity, "plan-1", CancellationToken.None);
            Assert.Equal(6, resumed.StoredSegments);

            await WriteAsync("datasets/c/", 8);
            using var dataset = await ShardedSegmentDataset.OpenAsync(Store, "datasets/c/", Temporary["cache"], CancellationToken.None);
            Assert.Equal(reference.Digest, dataset.Digest);
            Assert.Equal(await ReadAsync(reference, 0, 5, 7), await ReadAsync(dataset, 0, 5, 7));
        }
    }

    [Fact]
    public async Task Write_WithAnotherPlan_DiscardsShardsOfTheOldPlan()
    {
        await WriteAsync("datasets/d/", 7, plan: "plan-1", stopAfter: 6);
        var writer = await SegmentDatasetWriter.OpenAsync(Store, "datasets/d/", Frames, Bands, Capacity, "plan-2", CancellationToken.None);
        Assert.Equal(0, writer.StoredSegments);
    }

    [Fact]
    public async Task Open_WithoutManifest_ThrowsNamingTheDataset()
    {
        await WriteAsync("datasets/e/", 4, stopAfter: 3);
        var error = await Assert.ThrowsAsync<DatasetFormatException>(
            () => ShardedSegmentDataset.OpenAsync(Store, "datasets/e/", Temporary["cache"], CancellationToken.None));
        Assert.Contains("datasets/e/", error.Message);
        Assert.Contains("manifest", error.Message);
    }

    [Fact]
    public async Task Open_ShardAlteredAfterWriting_ThrowsHashMismatch()
    {
        await WriteAsync("datasets/f/", 4);
        await Store.WriteAsync("datasets/f/shards/00001.f16", new MemoryStream(new byte[Frames * Bands * 2]), CancellationToken.None);
        var error = await Assert.ThrowsAsync<DatasetFormatException>(
            () => ShardedSegmentDataset.OpenAsync(Store, "datasets/f/", Temporary["cache"], CancellationToken.None));
        Assert.Contains("shards/00001.f16", error.Message);
    }
}

public sealed class LocalFolderSegmentDatasetTests : SegmentDatasetRoundTripTests
{
    public LocalFolderSegmentDatasetTests() => Store = new LocalFolderBlobStore(Temporary["store"]);

    protected override IBlobStore Store { get; }
}

public sealed class AzureBlobSegmentDatasetTests(AzuriteContainer azurite) : SegmentDatasetRoundTripTests, IClassFixture<AzuriteContainer>
{
    protected override IBlobStore Store { get; } = new AzureBlobStore(azurite.Container, $"run-{Guid.NewGuid():N}/");
}
