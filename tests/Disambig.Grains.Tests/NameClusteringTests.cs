using Disambig.Grains.Names;

namespace Disambig.Grains.Tests;

public sealed class NameClusteringTests
{
    private static (string, float[]) Track(string id, float x, float y)
    {
        var norm = MathF.Sqrt(x * x + y * y);
        return (id, [x / norm, y / norm]);
    }

    [Fact]
    public void Cluster_TwoTightFarApartGroups_SplitsIntoTwoEntitiesInCatalogOrder()
    {
        var tracks = new[] { Track("b1", 0, 1), Track("a1", 1, 0), Track("b2", 0.05f, 1), Track("a2", 1, 0.05f) };
        var clusters = NameClustering.Cluster(tracks, threshold: 0.5);
        Assert.Equal(NameDecision.Split, clusters.Decision);
        Assert.Equal([["b1", "b2"], ["a1", "a2"]], clusters.Entities.Select(e => e.TrackIds));
        Assert.Equal([1, 2], clusters.Entities.Select(e => e.Entity));
        Assert.All(clusters.Entities, entity => Assert.InRange(entity.Confidence, 0.8, 1));
        Assert.InRange(clusters.SplitConfidence, 0.8, 1);
    }

    [Fact]
    public void Cluster_OneUsableTrack_KeepsTheNameWholeWithoutClustering()
    {
        var clusters = NameClustering.Cluster([Track("t", 1, 0)], threshold: 0.5);
        Assert.Equal(NameDecision.KeptWhole, clusters.Decision);
        Assert.Equal(["t"], Assert.Single(clusters.Entities).TrackIds);
        Assert.Equal(1, clusters.SplitConfidence);
    }

    [Fact]
    public void Cluster_NoUsableTrack_ReportsNoUsableTracks()
    {
        var clusters = NameClustering.Cluster([], threshold: 0.5);
        Assert.Equal(NameDecision.NoUsableTracks, clusters.Decision);
        Assert.Empty(clusters.Entities);
    }

    [Fact]
    public void Cluster_EntityJoinedJustAboveTheThreshold_HasLowConfidence()
    {
        // Two tracks 0.5 apart: Ward height 0.5; a threshold of 0.49 splits them, barely.
        var tracks = new[] { ("a", new float[] { 0, 0 }), ("b", new float[] { 0.5f, 0 }) };
        var clusters = NameClustering.Cluster(tracks, threshold: 0.49);
        Assert.Equal(NameDecision.Split, clusters.Decision);
        Assert.All(clusters.Entities, entity => Assert.InRange(entity.Confidence, 0, 0.05));
    }
}
