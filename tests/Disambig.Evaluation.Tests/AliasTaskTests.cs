using Disambig.Catalog;

namespace Disambig.Evaluation.Tests;

/// <summary>disambig eval's alias figures: the catalog's own aliases when it has some, planted album-split ones otherwise.</summary>
public sealed class AliasTaskTests
{
    /// <summary>Artist k's tracks point along axis k (plus a little jitter), so every artist is far from every other.</summary>
    private static Dictionary<string, float[]> Vectors(IEnumerable<CatalogTrack> tracks)
    {
        var random = new Random(3);
        return tracks.ToDictionary(t => t.TrackId, t =>
        {
            var vector = Enumerable.Range(0, 16).Select(_ => (float)(random.NextDouble() * 0.05)).ToArray();
            vector[int.Parse(t.TrueArtistId!.TrimStart('a')) % 16] += 1;
            return vector;
        });
    }

    [Fact]
    public void Run_CatalogWithAnArtistUnderTwoNames_ScoresThatAliasHeldOut()
    {
        // a0 is credited as "Nova" and as "Nova Sound"; a1..a5 under names of their own.
        List<CatalogTrack> tracks =
        [
            .. Tracks.Of("a0", 4, "Nova"), .. Tracks.Of("a0", 4, "Nova Sound").Select(t => t with { TrackId = t.TrackId + "b" }),
            .. Enumerable.Range(1, 5).SelectMany(k => Tracks.Of($"a{k}", 4)),
        ];

        var result = AliasTask.Run(tracks, Vectors(tracks), CancellationToken.None)!;

        Assert.Equal("catalog", result.Source);
        Assert.Equal((7, 6), (result.Entities, result.Artists));
        Assert.Equal(1, result.HeldOut.TruePairs);
        // Far-apart artists: nothing false is proposed wherever the threshold lands.
        Assert.Equal(1.0, result.HeldOut.Precision);
        // The decision disambig eval records with the model is the one scored here.
        Assert.Equal(result.Threshold, result.Model!.Threshold);
    }

    [Fact]
    public void Run_CatalogWithoutAliases_PlantsThemByAlbumAndOneArtistGivesNothing()
    {
        List<CatalogTrack> tracks =
        [
            .. Enumerable.Range(0, 6).SelectMany(k => Tracks.Of($"a{k}", 4).Select((t, i) => t with { AlbumId = $"{t.AlbumId}-{i % 2}" })),
        ];

        var result = AliasTask.Run(tracks, Vectors(tracks), CancellationToken.None)!;

        Assert.Equal("album-split", result.Source);
        Assert.Equal((12, 6), (result.Entities, result.Artists));
        Assert.Equal(6, result.HeldOut.TruePairs);
        Assert.Null(AliasTask.Run([.. tracks.Where(t => t.TrueArtistId == "a0")], Vectors(tracks), CancellationToken.None));
    }
}
