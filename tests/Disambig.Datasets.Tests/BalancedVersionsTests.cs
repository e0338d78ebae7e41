using Disambig.Datasets.Recipes;
using Disambig.Embedding.Data;

namespace Disambig.Datasets.Tests;

public sealed class BalancedVersionsTests
{
    /// <summary>Artist 0 has 2 segments, artist 1 has 5, artist 2 has 3, interleaved.</summary>
    private static readonly SegmentLabels Labels = new(
        [1, 0, 1, 2, 1, 2, 0, 1, 2, 1],
        [new ArtistInfo("small", []), new ArtistInfo("large", ["rock"]), new ArtistInfo("middle", [])]);

    private static Dictionary<int, List<int>> ByArtist(IEnumerable<int> segments) =>
        segments.GroupBy(Labels.ArtistOf).ToDictionary(g => g.Key, g => g.ToList());

    [Fact]
    public void CutDown_Default_CutsEveryArtistToTheSmallestCountWithoutRepeats()
    {
        var selection = BalancedVersions.CutDown(Labels, count: null, seed: 1);
        var byArtist = ByArtist(selection);
        Assert.Equal(3, byArtist.Count);
        Assert.All(byArtist.Values, segments => Assert.Equal(2, segments.Count));
        Assert.Equal(selection.Count, selection.Distinct().Count());
    }

    [Fact]
    public void CutDown_WithCount_DropsArtistsBelowIt()
    {
        var byArtist = ByArtist(BalancedVersions.CutDown(Labels, count: 3, seed: 1));
        Assert.Equal(new[] { 1, 2 }, byArtist.Keys.Order());
        Assert.All(byArtist.Values, segments => Assert.Equal(3, segments.Count));
    }

    [Fact]
    public void Repeated_Default_RepeatsEveryArtistUpToTheLargestCountUsingAllItsSegments()
    {
        var byArtist = ByArtist(BalancedVersions.Repeated(Labels, count: null, seed: 1));
        Assert.All(byArtist.Values, segments => Assert.Equal(5, segments.Count));
        Assert.All(byArtist, pair => Assert.Equal(Labels.SegmentsOf(pair.Key).ToHashSet(), pair.Value.ToHashSet()));
        Assert.Equal([1, 6, 1, 6], byArtist[0].Take(4));
    }

    [Fact]
    public void Repeated_WithCountBelowAnArtist_CutsItDown()
    {
        var byArtist = ByArtist(BalancedVersions.Repeated(Labels, count: 4, seed: 2));
        Assert.All(byArtist.Values, segments => Assert.Equal(4, segments.Count));
        Assert.Equal(4, byArtist[1].Distinct().Count());
    }
}
