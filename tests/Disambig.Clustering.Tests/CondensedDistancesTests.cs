namespace Disambig.Clustering.Tests;

public class CondensedDistancesTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(16)]
    [InlineData(37)]
    public void SquaredEuclidean_AnyDimension_EqualsPlainSumRowByRowOfTheLowerTriangle(int dimension)
    {
        var points = TestData.Gaussian(seed: dimension, count: 70, dimension);

        var distances = CondensedDistances.SquaredEuclidean(VectorSet.FromRows(points), CancellationToken.None);

        var expected = new List<double>();
        for (var i = 0; i < points.Length; i++)
        {
            for (var j = 0; j < i; j++)
            {
                expected.Add(points[i].Zip(points[j], (a, b) => (a - b) * (a - b)).Sum());
            }
        }

        Assert.Equal(expected, distances, new RelativeComparer(1e-13));
    }

    [Fact]
    public void SquaredDistance_DifferentLengths_Throws()
    {
        Assert.Throws<ArgumentException>(() => CondensedDistances.SquaredDistance([1.0, 2.0], [1.0]));
    }
}
