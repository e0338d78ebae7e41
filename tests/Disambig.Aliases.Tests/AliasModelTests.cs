using Disambig.Clustering.Calibration;

namespace Disambig.Aliases.Tests;

public class AliasModelTests
{
    [Fact]
    public void Probability_ModelWrittenBeforeTheLogScale_KeepsItsSigmoidOfTheDistance()
    {
        var model = new AliasModel(0.05, new PlattScaling(60, -3), 0.5);

        Assert.Equal(0.5, model.Probability(0.05, lowEvidence: false), 12);
        Assert.Equal(new PlattScaling(60, -3).Probability(0.02), model.Probability(0.02, lowEvidence: false), 12);
    }

    [Fact]
    public void Probability_LogDistance_TakesTheLogarithmAndStaysFiniteForIdenticalCentroids()
    {
        // 1/2 at distance 0.01, rising as the distance shrinks by factors.
        var model = new AliasModel(0.01, new PlattScaling(2, 2 * Math.Log(0.01) * -1), 0.5, LogDistance: true);

        Assert.Equal(0.5, model.Probability(0.01, lowEvidence: false), 12);
        Assert.Equal(0.8, model.Probability(0.01 / Math.Sqrt(4), lowEvidence: false), 12);
        Assert.True(model.Probability(0, lowEvidence: false) is > 0.99 and < 1);
        Assert.Equal(0.5, model.Probability(0, lowEvidence: true));
    }
}
