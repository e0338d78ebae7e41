using Disambig.Clustering.Calibration;
namespace Disambig.Aliases.Tests;

public class PlattScalingTests
{
    [Fact]
    public void Fit_LogisticData_RecoversTheGeneratingCurve()
    {
        // Outcomes drawn from P(same | d) = 1 / (1 + exp(20 d - 6)): 0.5 at d = 0.3.
        var random = new Random(11);
        var scores = new List<double>();
        var outcomes = new List<bool>();
        for (var i = 0; i < 4000; i++)
        {
            var d = random.NextDouble() * 0.8;
            scores.Add(d);
            outcomes.Add(random.NextDouble() < 1 / (1 + Math.Exp(20 * d - 6)));
        }

        var platt = PlattScaling.Fit(scores, outcomes);

        Assert.InRange(platt.A, 17, 23);
        Assert.InRange(platt.Probability(0.3), 0.44, 0.56);
        Assert.True(platt.Probability(0.1) > 0.9);
        Assert.True(platt.Probability(0.6) < 0.05);
    }

    [Fact]
    public void Fit_OneClassOnly_GivesFiniteProbabilityBelowOne()
    {
        var platt = PlattScaling.Fit([0.1, 0.2, 0.3], [true, true, true]);

        Assert.True(double.IsFinite(platt.A) && double.IsFinite(platt.B));
        Assert.InRange(platt.Probability(0.2), 0.5, 0.95);
    }

    [Fact]
    public void Fit_NoExamples_Throws()
    {
        Assert.Throws<ArgumentException>(() => PlattScaling.Fit([], []));
    }
}
