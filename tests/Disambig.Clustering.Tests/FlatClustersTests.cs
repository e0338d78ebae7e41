namespace Disambig.Clustering.Tests;

public class FlatClustersTests
{
    // Expected labels: scipy 1.10.1 fcluster(Z, t, criterion='distance') with Z = linkage(ScipyPoints, method='ward').
    [Theory]
    [InlineData(0.0, new[] { 9, 1, 10, 7, 5, 10, 3, 6, 4, 8, 2, 11 })]
    [InlineData(1.0, new[] { 9, 1, 10, 7, 5, 10, 3, 6, 4, 8, 2, 11 })]
    [InlineData(2.0, new[] { 5, 1, 6, 5, 4, 6, 2, 4, 3, 5, 1, 7 })]
    [InlineData(3.0, new[] { 5, 1, 6, 5, 4, 6, 2, 4, 3, 5, 1, 6 })]
    [InlineData(5.0, new[] { 4, 1, 4, 4, 3, 4, 1, 3, 2, 4, 1, 4 })]
    [InlineData(100.0, new[] { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 })]
    public void ByDistance_ScipyReferenceTree_MatchesFclusterNumbering(double threshold, int[] expected)
    {
        var linkage = new Linkage(12, WardLinkageTests.ScipyLinkage);

        Assert.Equal(expected, FlatClusters.ByDistance(linkage, threshold));
    }

    // Expected labels: scipy fcluster(Z, t, criterion='distance') on this hand-made Z; leaf children are numbered
    // only after the node's internal children, which puts point 2 after points 3 and 4.
    [Theory]
    [InlineData(0.2, new[] { 1, 2, 5, 3, 4 })]
    [InlineData(0.5, new[] { 1, 2, 4, 3, 3 })]
    [InlineData(1.2, new[] { 1, 1, 3, 2, 2 })]
    [InlineData(2.0, new[] { 1, 1, 2, 2, 2 })]
    [InlineData(3.0, new[] { 1, 1, 1, 1, 1 })]
    public void ByDistance_LeafBesideInternalChild_NumbersLikeScipy(double threshold, int[] expected)
    {
        var linkage = new Linkage(5, [new(3, 4, 0.5, 2), new(0, 1, 1.0, 2), new(2, 5, 1.5, 3), new(6, 7, 3.0, 5)]);

        Assert.Equal(expected, FlatClusters.ByDistance(linkage, threshold));
    }

    [Theory]
    [InlineData(0.5, new[] { 1, 2, 3 })]
    [InlineData(1.5, new[] { 1, 2, 3 })]
    [InlineData(2.0, new[] { 1, 1, 1 })]
    public void ByDistance_NonMonotoneTree_CutsBelowAnyHigherDescendantLikeScipy(double threshold, int[] expected)
    {
        // scipy fcluster on Z = [[0, 1, 2.0, 2], [2, 3, 1.0, 3]]: the root is kept only once its child's 2.0 is.
        var linkage = new Linkage(3, [new(0, 1, 2.0, 2), new(2, 3, 1.0, 3)]);

        Assert.Equal(expected, FlatClusters.ByDistance(linkage, threshold));
    }

    [Fact]
    public void ByDistance_MergeExactlyAtThreshold_IsKept()
    {
        var linkage = new Linkage(2, [new(0, 1, 0.75, 2)]);

        Assert.Equal([1, 1], FlatClusters.ByDistance(linkage, 0.75));
        Assert.Equal([1, 2], FlatClusters.ByDistance(linkage, Math.BitDecrement(0.75)));
    }

    [Fact]
    public void ByDistance_NegativeThreshold_LeavesEveryPointAlone()
    {
        var linkage = WardLinkage.Compute(VectorSet.FromRows(Enumerable.Repeat(new[] { 1.0 }, 4).ToArray()));

        Assert.Equal([1, 2, 3, 4], TestData.Canonical(FlatClusters.ByDistance(linkage, -1)));
    }

    [Fact]
    public void ByDistance_OneOrNoPoints_GivesOneLabelOrNone()
    {
        Assert.Equal([1], FlatClusters.ByDistance(new Linkage(1, []), 0));
        Assert.Empty(FlatClusters.ByDistance(new Linkage(0, []), 0));
    }

    [Fact]
    public void ByDistance_NaNThreshold_Throws()
    {
        Assert.Throws<ArgumentException>(() => FlatClusters.ByDistance(new Linkage(1, []), double.NaN));
    }

    [Fact]
    public void ByDistance_SeparatedBlobs_RecoversTheBlobs()
    {
        var (points, labels) = TestData.Blobs(seed: 3, clusterSizes: [5, 9, 2, 7], dimension: 8);
        var linkage = WardLinkage.Compute(VectorSet.FromRows(points));

        var found = FlatClusters.ByDistance(linkage, threshold: 5);

        Assert.Equal(TestData.Canonical(labels), TestData.Canonical(found));
    }
}
