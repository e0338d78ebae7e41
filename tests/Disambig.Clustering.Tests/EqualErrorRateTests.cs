using Disambig.Clustering.Metrics;

namespace Disambig.Clustering.Tests;

public class EqualErrorRateTests
{
    [Fact]
    public void Compute_SeparatedDistances_IsZeroAtLargestGenuineDistance()
    {
        var result = EqualErrorRate.Compute([0.1, 0.3, 0.2], [0.5, 0.6]);

        Assert.Equal(new EqualErrorRateResult(0, 0.3), result);
    }

    [Fact]
    public void Compute_RatesMeetAtADistance_ReturnsThatPoint()
    {
        // t = 3.5: FNR = 1/4 (genuine 4 > 3.5), FPR = 1/4 (impostor 3.5 <= 3.5).
        var result = EqualErrorRate.Compute([1, 2, 3, 4], [3.5, 5, 6, 7]);

        Assert.Equal(new EqualErrorRateResult(0.25, 3.5), result);
    }

    [Fact]
    public void Compute_RatesCrossBetweenDistances_InterpolatesLinearly()
    {
        // t = 2: FNR 1/3, FPR 1/4 (gap 1/12); t = 2.5: FNR 1/3, FPR 1/2 (gap -1/6).
        // The gap reaches 0 a third of the way: EER = 1/4 + (1/2 - 1/4) / 3 = 1/3 at t = 2 + 0.5 / 3.
        var result = EqualErrorRate.Compute([1, 2, 3], [1.5, 2.5, 5, 6]);

        Assert.Equal(1.0 / 3, result.Rate, 15);
        Assert.Equal(2 + 0.5 / 3, result.Threshold, 14);
    }

    [Fact]
    public void Compute_AllDistancesEqual_IsOneHalf()
    {
        Assert.Equal(new EqualErrorRateResult(0.5, 1), EqualErrorRate.Compute([1, 1], [1, 1]));
    }

    [Fact]
    public void Compute_UnitGaussiansTwoApart_ApproachesTheoreticalEer()
    {
        // Genuine ~ N(0, 1), impostor ~ N(2, 1): the rates cross at t = 1 where both equal Phi(-1) = 0.158655.
        var genuine = TestData.Gaussian(seed: 21, count: 20000, dimension: 1).Select(v => v[0]).ToArray();
        var impostor = TestData.Gaussian(seed: 22, count: 20000, dimension: 1).Select(v => v[0] + 2).ToArray();

        var result = EqualErrorRate.Compute(genuine, impostor);

        Assert.Equal(0.158655, result.Rate, 0.01);
        Assert.Equal(1.0, result.Threshold, 0.05);
    }

    [Fact]
    public void Compute_NoGenuineDistances_IsZeroJustBelowTheFirstImpostor()
    {
        Assert.Equal(new EqualErrorRateResult(0, Math.BitDecrement(0.4)), EqualErrorRate.Compute([], [0.9, 0.4]));
    }

    [Fact]
    public void Compute_NoImpostorDistances_IsZeroAtLargestGenuineDistance()
    {
        Assert.Equal(new EqualErrorRateResult(0, 0.7), EqualErrorRate.Compute([0.7, 0.2], []));
    }

    [Fact]
    public void Compute_NoDistances_IsZeroAtZero()
    {
        Assert.Equal(new EqualErrorRateResult(0, 0), EqualErrorRate.Compute([], []));
    }

    [Fact]
    public void Compute_NaNDistance_Throws()
    {
        Assert.Throws<ArgumentException>(() => EqualErrorRate.Compute([double.NaN], [1]));
    }
}
