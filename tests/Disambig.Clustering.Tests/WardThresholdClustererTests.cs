namespace Disambig.Clustering.Tests;

public class WardThresholdClustererTests
{
    [Fact]
    public void Cluster_SeparatedArtists_FindsEachArtist()
    {
        var (points, labels) = TestData.Blobs(seed: 9, clusterSizes: [6, 3, 8], dimension: 32);
        IFlatClusterer clusterer = new WardThresholdClusterer(new WardClusteringOptions { Threshold = 5 });

        var found = clusterer.Cluster(VectorSet.FromRows(points));

        Assert.Equal(TestData.Canonical(labels), TestData.Canonical(found.Labels));
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Constructor_InvalidThreshold_Throws(double threshold)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new WardThresholdClusterer(new WardClusteringOptions { Threshold = threshold }));
    }
}
