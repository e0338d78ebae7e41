using Disambig.Grains.Hosting;
using Disambig.Grains.Names;

namespace Disambig.Grains.Tests;

/// <summary>Names with more tracks than the exact-clustering ceiling.</summary>
public sealed class NameClusteringCeilingTests
{
    [Fact]
    public void Cluster_AboveTheCeiling_GivesEveryTrackTheEntityOfItsPrototype()
    {
        // Three groups of 40 tracks around three directions of the plane, more than the ceiling of 12.
        var random = new Random(4);
        (string, float[]) Track(int group, int i)
        {
            var angle = group * 2 * Math.PI / 3 + (random.NextDouble() - 0.5) * 0.1;
            return ($"g{group}-{i}", [(float)Math.Cos(angle), (float)Math.Sin(angle)]);
        }

        var tracks = Enumerable.Range(0, 120).Select(i => Track(i % 3, i)).ToList();

        var clusters = NameClustering.Cluster(tracks, threshold: 1.0, maxExactTracks: 12);

        Assert.Equal(NameDecision.Split, clusters.Decision);
        Assert.Equal(3, clusters.Entities.Count);
        Assert.All(clusters.Entities, entity => Assert.Single(entity.TrackIds.Select(id => id[..2]).Distinct()));
        Assert.Equal(120, clusters.Entities.Sum(entity => entity.TrackIds.Count));
    }

    [Fact]
    public void ExactClusterCeiling_Unset_IsDerivedFromMemoryAndSetIsTaken()
    {
        Assert.InRange(new PipelineOptions().ExactClusterCeiling(), 2_000, 1_000_000);
        Assert.Equal(500, new PipelineOptions { MaxExactClusterTracks = 500 }.ExactClusterCeiling());
        Assert.Throws<ArgumentOutOfRangeException>(() => new PipelineOptions { MaxExactClusterTracks = 1 }.Validate());
    }
}
