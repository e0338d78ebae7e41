using Disambig.Clustering.Metrics;

namespace Disambig.Clustering.Tests;

public class AgreementMetricsTests
{
    // Reference values: scikit-learn 1.2.1 (Debian python3-sklearn), adjusted_rand_score(truth, predicted) and
    // adjusted_mutual_info_score(truth, predicted) (default average_method='arithmetic').
    public static TheoryData<string, int[], int[], double, double> SklearnCases() => new()
    {
        { "small", [0, 0, 0, 1, 1, 1, 2, 2, 2], [0, 0, 1, 1, 1, 2, 2, 2, 2], 0.35714285714285715, 0.40867050972172175 },
        { "mod30", [.. Enumerable.Range(0, 30).Select(i => i % 3)], [.. Enumerable.Range(0, 30).Select(i => i * i % 4)], -0.04819277108433735, -0.041674145070292046 },
        { "unbalanced", [.. Enumerable.Repeat(0, 10), 1, 1, 1, 2], [.. Enumerable.Repeat(0, 8), 1, 1, 1, 1, 2, 2], 0.5008347245409015, 0.426752781341519 },
        { "anti", [0, 0, 1, 1], [0, 1, 0, 1], -0.5, -0.49999999999999944 },
        { "n500", [.. Enumerable.Range(0, 500).Select(i => i % 7)], [.. Enumerable.Range(0, 500).Select(i => (i * 13 + i / 11) % 9)], -0.012759678925268497, -0.023951356543679123 },
        { "split", [0, 0, 0, 0, 1, 1, 1, 1], [0, 0, 1, 1, 2, 2, 3, 3], 0.36363636363636365, 0.533333333333334 },
        { "oneVsSome", [5, 5, 5, 5, 5], [1, 1, 2, 2, 3], 0.0, 0.0 },
        { "singletonsVsSome", [0, 1, 2, 3, 4, 5], [0, 0, 1, 1, 2, 2], 0.0, 0.0 },
    };

    [Theory]
    [MemberData(nameof(SklearnCases))]
    public void AdjustedRandIndex_Compute_MatchesSklearn(string name, int[] truth, int[] predicted, double ari, double ami)
    {
        _ = (name, ami);
        Assert.Equal(ari, AdjustedRandIndex.Compute(truth, predicted), 1e-14);
    }

    [Theory]
    [MemberData(nameof(SklearnCases))]
    public void AdjustedMutualInformation_Compute_MatchesSklearn(string name, int[] truth, int[] predicted, double ari, double ami)
    {
        _ = (name, ari);
        Assert.Equal(ami, AdjustedMutualInformation.Compute(truth, predicted), 1e-12);
    }

    [Fact]
    public void AdjustedRandIndex_Compute_HandComputedTwoByTwo()
    {
        // truth {0,1}{2,3}, predicted {0,1,2}{3}: pairs joined in both 1, truth only 1, predicted only 2, neither 2.
        // ARI = 2 (1*2 - 1*2) / ((1+1)(1+2) + (1+2)(2+2)) = 0.
        Assert.Equal(0.0, AdjustedRandIndex.Compute([0, 0, 1, 1], [7, 7, 7, 9]), 15);
    }

    [Fact]
    public void Metrics_LabelsRenamed_GiveOne()
    {
        int[] truth = [3, 3, 1, 1, 2, 2, 2];
        int[] renamed = [-5, -5, 40, 40, 0, 0, 0];

        Assert.Equal(1.0, AdjustedRandIndex.Compute(truth, renamed));
        Assert.Equal(1.0, AdjustedMutualInformation.Compute(truth, renamed));
    }

    // sklearn 1.2.1 returns 1.0 for all of these (both one cluster, empty, one point) except where noted.
    [Theory]
    [InlineData(new int[0], new int[0], 1.0, 1.0)]
    [InlineData(new[] { 4 }, new[] { 8 }, 1.0, 1.0)]
    [InlineData(new[] { 0, 0, 0 }, new[] { 1, 1, 1 }, 1.0, 1.0)]
    [InlineData(new[] { 0, 0, 0, 0 }, new[] { 0, 1, 2, 3 }, 0.0, 0.0)]
    [InlineData(new[] { 0, 1, 2, 3 }, new[] { 0, 0, 0, 0 }, 0.0, 0.0)]
    [InlineData(new[] { 0, 1, 2 }, new[] { 0, 1, 2 }, 1.0, 1.0)]
    [InlineData(new[] { 0, 1 }, new[] { 1, 0 }, 1.0, 1.0)] // sklearn's AMI is 0.0 here: 0/0 up to rounding (see remarks)
    public void Metrics_DegenerateLabelings_GiveFiniteSklearnValues(int[] truth, int[] predicted, double ari, double ami)
    {
        Assert.Equal(ari, AdjustedRandIndex.Compute(truth, predicted), 15);
        Assert.Equal(ami, AdjustedMutualInformation.Compute(truth, predicted), 15);
    }

    [Fact]
    public void Metrics_DifferentLengths_Throw()
    {
        Assert.Throws<ArgumentException>(() => AdjustedRandIndex.Compute([0, 1], [0]));
        Assert.Throws<ArgumentException>(() => AdjustedMutualInformation.Compute([0, 1], [0]));
    }

    // Expected: Python's math.lgamma(x).
    [Theory]
    [InlineData(1.0, 0.0)]
    [InlineData(0.5, 0.5723649429247004)]
    [InlineData(0.1, 2.2527126517342055)]
    [InlineData(5.0, 3.178053830347945)]
    [InlineData(171.0, 706.5730622457874)]
    [InlineData(1000.5, 5908.674175848678)]
    [InlineData(100000.0, 1051287.7089736566)]
    public void LogGamma_Of_MatchesKnownValues(double x, double expected)
    {
        Assert.Equal(expected, LogGamma.Of(x), new RelativeComparer(1e-14));
    }
}
