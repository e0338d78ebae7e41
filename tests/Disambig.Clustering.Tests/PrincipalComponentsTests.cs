using Disambig.Clustering.Projection;

namespace Disambig.Clustering.Tests;

public class PrincipalComponentsTests
{
    [Fact]
    public void Project_PointsSpreadMostAlongOneAxis_PutThatSpreadOnTheFirstComponent()
    {
        // Spread 10 along z, 1 along x, none along y.
        float[][] rows = [[0, 0, -10], [1, 0, 0], [0, 0, 10], [-1, 0, 0]];

        var projected = PrincipalComponents.Project(rows);

        Assert.Equal([-10, 0, 10, 0], projected.Select(p => Math.Round(p[0], 6)));
        Assert.Equal([0, 1, 0, 1], projected.Select(p => Math.Round(Math.Abs(p[1]), 6)));
    }

    [Fact]
    public void Project_KeepsDistancesWhenTheDataLiesInAPlane()
    {
        var random = new Random(5);
        // Points in the plane spanned by (1, 1, 0, 0) and (0, 0, 1, -1), shifted.
        var rows = Enumerable.Range(0, 20).Select(_ =>
        {
            var (a, b) = ((float)random.NextDouble(), (float)random.NextDouble());
            return new[] { a + 3, a + 3, b, -b };
        }).ToList();

        var projected = PrincipalComponents.Project(rows);

        for (var i = 1; i < rows.Count; i++)
        {
            var original = Math.Sqrt(rows[0].Zip(rows[i], (x, y) => (double)(x - y) * (x - y)).Sum());
            var flat = Math.Sqrt(Math.Pow(projected[0][0] - projected[i][0], 2) + Math.Pow(projected[0][1] - projected[i][1], 2));
            Assert.Equal(original, flat, 4);
        }
    }

    [Fact]
    public void Project_IdenticalVectors_GivesZeros()
    {
        var projected = PrincipalComponents.Project([[1f, 2f], [1f, 2f]]);

        Assert.All(projected, p => Assert.Equal([0.0, 0.0], p));
    }

    [Fact]
    public void Project_MixedDimensions_Throws()
    {
        Assert.Throws<ArgumentException>(() => PrincipalComponents.Project([[1f, 2f], [1f]]));
    }
}
