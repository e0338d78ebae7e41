namespace Disambig.Clustering.Tests;

public class WardLinkageTests
{
    // Output of scipy 1.10.1 (Debian python3-scipy): linkage(X, method='ward') for X = ScipyPoints;
    // point 5 duplicates point 2.
    internal static readonly double[][] ScipyPoints =
    [
        [0.0, 0.6, -0.55], [-1.78, -0.91, -1.98], [0.12, 2.68, -0.98], [-1.24, 0.98, 0.71], [0.21, -1.86, -0.06],
        [0.12, 2.68, -0.98], [-3.8, -2.58, -3.68], [-0.47, -2.53, 0.54], [0.31, -0.37, -5.03], [-1.08, -0.1, 0.23],
        [-3.06, -0.96, -1.96], [-1.62, 2.12, -1.62],
    ];

    internal static readonly Merge[] ScipyLinkage =
    [
        new(2, 5, 0, 2),
        new(4, 7, 1.1275194011634566, 2),
        new(3, 9, 1.192644121270046, 2),
        new(1, 10, 1.2811323116680806, 2),
        new(0, 14, 1.7931722356390272, 3),
        new(11, 12, 2.2363064786980043, 3),
        new(6, 15, 3.1695478121229423, 3),
        new(16, 17, 4.1890531945377196, 6),
        new(8, 18, 5.1403858480338478, 4),
        new(13, 19, 6.5809079920631008, 8),
        new(20, 21, 8.5319116654280176, 12),
    ];

    [Fact]
    public void Compute_ScipyReferencePoints_MatchesScipyLinkage()
    {
        var linkage = WardLinkage.Compute(VectorSet.FromRows(ScipyPoints));

        AssertSameTree(ScipyLinkage, linkage.Merges);
    }

    [Fact]
    public void Compute_IntegerGridWithEqualHeights_MatchesScipyLinkage()
    {
        // scipy: linkage(G, method='ward'); the last height prints as 6.0000000000000009 there (its square-root update).
        double[][] grid = [[0, 0], [0, 1], [1, 0], [1, 1], [3, 0], [3, 1], [4, 0], [4, 1]];
        Merge[] expected =
        [
            new(0, 1, 1, 2), new(2, 3, 1, 2), new(4, 5, 1, 2), new(6, 7, 1, 2),
            new(8, 9, Math.Sqrt(2), 4), new(10, 11, Math.Sqrt(2), 4), new(12, 13, 6.0000000000000009, 8),
        ];

        AssertSameTree(expected, WardLinkage.Compute(VectorSet.FromRows(grid)).Merges);
    }

    [Fact]
    public void Compute_ManyDuplicatesAndEqualDistances_MatchesScipyLinkage()
    {
        // scipy: linkage(X, method='ward') for X = [[(i*7) % 5, (i*3) % 4] for i in range(40)]: every point appears twice.
        var points = Enumerable.Range(0, 40).Select(i => new double[] { i * 7 % 5, i * 3 % 4 }).ToArray();
        var expected = Enumerable.Range(0, 20).Select(i => new Merge(i, i + 20, 0, 2)).Concat(
        [
            new(40, 48, 1.4142135623730949, 4), new(41, 46, 1.4142135623730949, 4), new(42, 47, 1.4142135623730949, 4),
            new(43, 51, 1.4142135623730949, 4), new(44, 52, 1.4142135623730949, 4), new(45, 50, 1.4142135623730949, 4),
            new(49, 54, 1.4142135623730949, 4), new(53, 58, 1.4142135623730949, 4), new(57, 66, 1.8257418583505534, 6),
            new(59, 62, 1.8257418583505534, 6), new(55, 60, 1.8257418583505534, 6), new(56, 63, 1.8257418583505534, 6),
            new(61, 67, 1.9999999999999996, 8), new(64, 69, 2.9439202887759492, 10), new(70, 71, 3.3665016461206929, 12),
            new(65, 72, 3.4641016151377544, 12), new(68, 73, 5.1639777949432224, 16), new(74, 75, 6.9282032302755079, 24),
            new(76, 77, 10.954451150103322, 40),
        ]).ToArray();

        AssertSameTree(expected, WardLinkage.Compute(VectorSet.FromRows(points)).Merges);
    }

    [Fact]
    public void Compute_ThreePointsOnALine_GivesHandComputedWardHeights()
    {
        // {0} + {1} at |0 - 1| = 1; then {0, 1} (centroid 0.5) + {5}: sqrt(2 * 2 * 1 / 3) * 4.5 = sqrt(27).
        var linkage = WardLinkage.Compute(VectorSet.FromRows(new[] { new[] { 0.0 }, [1.0], [5.0] }));

        AssertSameTree([new(0, 1, 1, 2), new(2, 3, Math.Sqrt(27), 3)], linkage.Merges);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Compute_FewerThanTwoPoints_ReturnsNoMerges(int count)
    {
        var linkage = WardLinkage.Compute(VectorSet.FromRows(TestData.Gaussian(1, count, 4)));

        Assert.Equal(count, linkage.PointCount);
        Assert.Empty(linkage.Merges);
    }

    [Theory]
    [InlineData(1, 2, 1)]
    [InlineData(2, 7, 2)]
    [InlineData(3, 30, 3)]
    [InlineData(4, 64, 5)]
    [InlineData(5, 120, 17)]
    [InlineData(6, 200, 8)]
    public void Compute_RandomPoints_MatchesNaiveReference(int seed, int count, int dimension)
    {
        var points = TestData.Gaussian(seed, count, dimension);

        AssertSameTree(NaiveWardReference.Link(points), WardLinkage.Compute(VectorSet.FromRows(points)).Merges);
    }

    [Theory]
    [InlineData(11, 40, 3)]
    [InlineData(12, 90, 6)]
    public void Compute_RandomPointsWithDuplicates_MatchesNaiveReferenceHeightsAndCuts(int seed, int count, int dimension)
    {
        // Every third point repeats an earlier one: zero-height merges whose order is a tie.
        var points = TestData.Gaussian(seed, count, dimension);
        for (var i = 2; i < count; i += 3)
        {
            points[i] = points[i / 3];
        }

        var expected = NaiveWardReference.Link(points);
        var actual = WardLinkage.Compute(VectorSet.FromRows(points));

        Assert.Equal(expected.Select(m => m.Height), actual.Merges.Select(m => m.Height), new RelativeComparer(1e-12));
        var reference = new Linkage(count, expected);
        foreach (var threshold in Midpoints(expected.Select(m => m.Height)))
        {
            Assert.Equal(
                TestData.Canonical(FlatClusters.ByDistance(reference, threshold)),
                TestData.Canonical(FlatClusters.ByDistance(actual, threshold)));
        }
    }

    [Fact]
    public void Compute_AllPointsIdentical_MergesAtHeightZero()
    {
        var points = Enumerable.Repeat(new[] { 0.5, -2.0 }, 6).ToArray();

        var linkage = WardLinkage.Compute(VectorSet.FromRows(points));

        Assert.All(linkage.Merges, m => Assert.Equal(0, m.Height));
        Assert.Equal(6, linkage.Merges[^1].Size);
    }

    [Fact]
    public void Compute_CancelledToken_Throws()
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(
            () => WardLinkage.Compute(VectorSet.FromRows(TestData.Gaussian(1, 50, 3)), cancellation.Token));
    }

    private static IEnumerable<double> Midpoints(IEnumerable<double> heights)
    {
        var distinct = heights.Distinct().Order().ToArray();
        return distinct.Zip(distinct.Skip(1), (a, b) => (a + b) / 2).Prepend(-1).Append(distinct[^1] + 1);
    }

    internal static void AssertSameTree(IReadOnlyList<Merge> expected, IReadOnlyList<Merge> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal((expected[i].Left, expected[i].Right, expected[i].Size), (actual[i].Left, actual[i].Right, actual[i].Size));
            Assert.Equal(expected[i].Height, actual[i].Height, new RelativeComparer(1e-12));
        }
    }
}

/// <summary>Equal within a relative tolerance (absolute near zero).</summary>
internal sealed class RelativeComparer(double tolerance) : IEqualityComparer<double>
{
    public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance * Math.Max(1, Math.Max(Math.Abs(x), Math.Abs(y)));

    public int GetHashCode(double obj) => 0;
}
