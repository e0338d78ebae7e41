namespace Disambig.Clustering.Tests;

public class VectorSetTests
{
    [Fact]
    public void FromRows_FloatRows_KeepsValuesRowMajor()
    {
        var set = VectorSet.FromRows(new[] { new[] { 1f, 2f }, [3f, 4.5f] });

        Assert.Equal((2, 2), (set.Count, set.Dimension));
        Assert.Equal([3.0, 4.5], set.Row(1).ToArray());
    }

    [Fact]
    public void FromRows_RaggedRows_ThrowsNamingTheRow()
    {
        var error = Assert.Throws<ArgumentException>(() => VectorSet.FromRows(new[] { new[] { 1.0, 2.0 }, [3.0] }));

        Assert.Contains("Row 1", error.Message);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void FromRowMajor_NonFiniteValue_ThrowsNamingTheVector(double bad)
    {
        var error = Assert.Throws<ArgumentException>(() => VectorSet.FromRowMajor([0.0, 1.0, 2.0, bad], 2, 2));

        Assert.Contains("Vector 1, component 1", error.Message);
    }

    [Fact]
    public void FromRowMajor_WrongLength_Throws()
    {
        Assert.Throws<ArgumentException>(() => VectorSet.FromRowMajor(new float[5], 2, 2));
    }

    [Fact]
    public void Select_Indices_CopiesThoseRowsInOrder()
    {
        var set = VectorSet.FromRows(new[] { new[] { 0.0 }, [1.0], [2.0] });

        var picked = set.Select([2, 0]);

        Assert.Equal([2.0, 0.0], Enumerable.Range(0, picked.Count).Select(i => picked.Row(i)[0]));
    }
}
