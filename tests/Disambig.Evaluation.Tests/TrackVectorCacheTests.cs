using Disambig.Storage;
using Disambig.TestSupport;
using Disambig.Vectors;

namespace Disambig.Evaluation.Tests;

public sealed class TrackVectorCacheTests : IDisposable
{
    private static readonly VectorFeatures Features = new(9, 2);
    private readonly TemporaryFolder _folder = new();

    private static BlobInfo Audio(string etag) => new("audio/a/01.wav", 1000, etag, DateTimeOffset.UnixEpoch);

    [Fact]
    public async Task Reopened_SameAudio_ServesTheSavedVectorAndItsDuration()
    {
        var track = Tracks.Of("a", 1).Single();
        var cache = await TrackVectorCache.OpenAsync(_folder.Path, "sha", Features, CancellationToken.None);
        cache.Add(track, Audio("\"e1\""), new CachedVector([0.6f, 0.8f], 4.5));
        await cache.SaveAsync(CancellationToken.None);

        var reopened = await TrackVectorCache.OpenAsync(_folder.Path, "sha", Features, CancellationToken.None);

        Assert.True(reopened.TryGet(track, Audio("\"e1\""), out var vector));
        Assert.Equal([0.6f, 0.8f], vector.Vector);
        Assert.Equal(4.5, vector.DurationSeconds);
        Assert.True(File.Exists(Path.Combine(_folder.Path, "sha-9s-2seg-f16.jsonl")));
    }

    [Fact]
    public async Task TryGet_RewrittenAudioOrMovedTrack_ComputesAgain()
    {
        var track = Tracks.Of("a", 1).Single();
        var cache = await TrackVectorCache.OpenAsync(null, "sha", Features, CancellationToken.None);
        cache.Add(track, Audio("\"e1\""), new CachedVector([1, 0], 4));

        Assert.False(cache.TryGet(track, Audio("\"e2\""), out _));
        Assert.False(cache.TryGet(track with { AudioPath = "audio/a/02.wav" }, Audio("\"e1\""), out _));
    }

    [Fact]
    public async Task Open_OtherFeatures_ReadsNoneOfTheOtherFeaturesVectors()
    {
        var track = Tracks.Of("a", 1).Single();
        var cache = await TrackVectorCache.OpenAsync(_folder.Path, "sha", Features, CancellationToken.None);
        cache.Add(track, Audio("\"e1\""), new CachedVector([1, 0], 4));
        await cache.SaveAsync(CancellationToken.None);

        var tenSegments = await TrackVectorCache.OpenAsync(_folder.Path, "sha", new VectorFeatures(9, 10), CancellationToken.None);

        Assert.False(tenSegments.TryGet(track, Audio("\"e1\""), out _));
    }

    public void Dispose() => _folder.Dispose();
}
