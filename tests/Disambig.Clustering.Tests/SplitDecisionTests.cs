namespace Disambig.Clustering.Tests;

public class SplitDecisionTests
{
    // Two pairs: {0, 1} at 1.0, {2, 3} at 1.0, both pairs joined at 4.0.
    private static readonly Linkage TwoPairs = new(4, [new(0, 1, 1.0, 2), new(2, 3, 1.0, 2), new(4, 5, 4.0, 4)]);

    [Theory]
    [InlineData(2.0, 2, 0.5)] // nearest merge 1.0 away from 2.0
    [InlineData(3.9, 2, 0.1 / 3.9)] // the 4.0 merge nearly kept
    [InlineData(10.0, 1, 0.6)]
    [InlineData(1.0, 2, 0.0)] // merges exactly at the threshold
    [InlineData(0.4, 4, 1.0)] // nearest merge more than a threshold away
    public void Decide_Threshold_GivesClusterCountAndRelativeMargin(double threshold, int clusters, double confidence)
    {
        var decision = SplitDecision.Decide(TwoPairs, threshold);

        Assert.Equal(clusters, decision.ClusterCount);
        Assert.Equal(confidence, decision.Confidence, 12);
    }

    [Fact]
    public void Decide_OneTrack_IsOneClusterWithFullConfidence()
    {
        var decision = SplitDecision.Decide(new Linkage(1, []), 1.0);

        Assert.Equal([1], decision.Labels);
        Assert.Equal((1, 1.0), (decision.ClusterCount, decision.Confidence));
    }

    [Fact]
    public void Decide_NegativeThreshold_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SplitDecision.Decide(TwoPairs, -1));
    }
}
