namespace Disambig.Clustering.Tests;

public class LinkageTests
{
    [Fact]
    public void ToMatrix_ThenFromMatrix_RoundTripsScipyLayout()
    {
        var linkage = new Linkage(12, WardLinkageTests.ScipyLinkage);

        var matrix = linkage.ToMatrix();
        var back = Linkage.FromMatrix(matrix);

        Assert.Equal((11, 4), (matrix.GetLength(0), matrix.GetLength(1)));
        Assert.Equal((13.0, 19.0, 6.5809079920631008, 8.0), (matrix[9, 0], matrix[9, 1], matrix[9, 2], matrix[9, 3]));
        Assert.Equal(linkage.Merges, back.Merges);
    }

    [Theory]
    [InlineData(1, 0, 1.0, 2)] // left must be below right
    [InlineData(0, 3, 1.0, 2)] // id 3 does not exist yet
    [InlineData(0, 1, 1.0, 3)] // size is not 1 + 1
    [InlineData(0, 1, -1.0, 2)] // negative height
    [InlineData(0, 1, double.NaN, 2)]
    public void Constructor_InvalidMerge_Throws(int left, int right, double height, int size)
    {
        Assert.Throws<ArgumentException>(() => new Linkage(3, [new(left, right, height, size), new(2, 3, 2.0, 3)]));
    }

    [Fact]
    public void Constructor_ClusterMergedTwice_Throws()
    {
        Assert.Throws<ArgumentException>(() => new Linkage(3, [new(0, 1, 1.0, 2), new(0, 2, 2.0, 2)]));
    }

    [Fact]
    public void FromMatrix_FractionalId_Throws()
    {
        Assert.Throws<ArgumentException>(() => Linkage.FromMatrix(new double[,] { { 0, 1.5, 1, 2 } }));
    }
}
