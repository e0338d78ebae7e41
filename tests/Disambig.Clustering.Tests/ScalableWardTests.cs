using Disambig.Clustering.Metrics;

namespace Disambig.Clustering.Tests;

public sealed class ScalableWardTests
{
    /// <summary>Unit vectors around one random unit centre per cluster: normalise(centre + noise).</summary>
    private static (double[][] Points, int[] Labels) OnTheSphere(int seed, int[] clusterSizes, int dimension, double noise)
    {
        static double[] Unit(double[] v)
        {
            var norm = Math.Sqrt(v.Sum(x => x * x));
            return [.. v.Select(x => x / norm)];
        }

        var centres = TestData.Gaussian(seed, clusterSizes.Length, dimension).Select(Unit).ToArray();
        var jitter = TestData.Gaussian(seed + 1, clusterSizes.Sum(), dimension, scale: noise);
        var labels = clusterSizes.SelectMany((size, cluster) => Enumerable.Repeat(cluster, size)).ToArray();
        return ([.. labels.Select((label, i) => Unit([.. centres[label].Zip(jitter[i], (c, e) => c + e)]))], labels);
    }

    /// <summary>The threshold midway between the merges that leave <paramref name="clusters"/> clusters and one fewer.</summary>
    private static double ThresholdFor(Linkage linkage, int clusters)
    {
        var heights = linkage.Merges.Select(m => m.Height).ToArray();
        var kept = linkage.PointCount - clusters;
        return (heights[kept - 1] + heights[kept]) / 2;
    }

    [Fact]
    public void Compute_AboveTheCeilingOn5000PointsOfTheSphere_AgreesWithExactWardAtAriAbove095()
    {
        int[] sizes = [1500, 1000, 800, 600, 400, 300, 200, 120, 50, 30];
        var (points, _) = OnTheSphere(seed: 11, sizes, dimension: 32, noise: 0.12);
        var set = VectorSet.FromRows(points);
        var exact = WardLinkage.Compute(set);
        var threshold = ThresholdFor(exact, sizes.Length);

        var approximate = ScalableWard.Compute(set, maxExactPoints: 500, seed: 3);

        Assert.False(approximate.Exact);
        Assert.InRange(approximate.Linkage.PointCount, 2, 500);
        var exactLabels = FlatClusters.ByDistance(exact, threshold);
        var approximateLabels = approximate.PointLabels(FlatClusters.ByDistance(approximate.Linkage, threshold));
        Assert.InRange(AdjustedRandIndex.Compute(exactLabels, approximateLabels), 0.95, 1.0);
    }

    [Fact]
    public void Compute_AtOrBelowTheCeiling_IsExactWard()
    {
        var (points, _) = TestData.Blobs(5, [20, 30, 10], dimension: 8);
        var set = VectorSet.FromRows(points);
        var units = ScalableWard.Compute(set, maxExactPoints: 60);
        Assert.True(units.Exact);
        Assert.Equal(Enumerable.Range(0, 60), units.UnitOfPoint);
        Assert.Equal(WardLinkage.Compute(set).Merges, units.Linkage.Merges);
    }

    [Fact]
    public void ComputeFloat_OfThePoints_GivesTheDoubleTreeWithHeightsWithinFloatRounding()
    {
        var (points, _) = TestData.Blobs(9, [40, 60, 25, 75], dimension: 16);
        var set = VectorSet.FromRows(points);
        var exact = WardLinkage.Compute<double>(set, null, CancellationToken.None);
        var compact = WardLinkage.Compute<float>(set, null, CancellationToken.None);
        Assert.Equal(exact.Merges.Select(m => (m.Left, m.Right, m.Size)), compact.Merges.Select(m => (m.Left, m.Right, m.Size)));
        Assert.All(exact.Merges.Zip(compact.Merges), pair => Assert.Equal(pair.First.Height, pair.Second.Height, pair.First.Height * 1e-5 + 1e-6));
    }

    [Fact]
    public void ComputeWeighted_OfClustersGivenByCentroidAndSize_MergesThemAtTheirExactWardHeight()
    {
        // Two clusters of 3 and 2 points: Ward's last merge height depends only on their centroids and sizes.
        double[][] points = [[0, 0], [0, 2], [0, 4], [10, 1], [10, 3]];
        var exact = WardLinkage.Compute(VectorSet.FromRows(points));
        var weighted = WardLinkage.ComputeWeighted(VectorSet.FromRows([[0.0, 2.0], [10.0, 2.0]]), [3, 2]);
        Assert.Equal(exact.Merges[^1].Height, Assert.Single(weighted.Merges).Height, 1e-5);
    }

    [Fact]
    public void MaxExactPoints_OfABudget_IsTheLargestTriangleThatFits()
    {
        foreach (var budget in new[] { 1L << 20, 1L << 30, 3L << 30 })
        {
            var n = ScalableWard.MaxExactPoints(budget);
            Assert.True(WardLinkage.TriangleBytes(n) <= budget);
            Assert.True(WardLinkage.TriangleBytes(n + 1) > budget);
        }
    }
}
