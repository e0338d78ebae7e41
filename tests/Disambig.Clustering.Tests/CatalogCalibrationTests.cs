using Disambig.Clustering.Calibration;

namespace Disambig.Clustering.Tests;

/// <summary>The catalog rule: one-artist names limit the deployable thresholds; confidences become probabilities.</summary>
public class CatalogCalibrationTests
{
    /// <summary>Homonym groups of 2 to 4 well separated artists (noise 0.3, centres about 10 apart).</summary>
    private static LabelledGroup[] Homonyms(int count) =>
    [
        .. Enumerable.Range(0, count).Select(g =>
        {
            var (points, labels) = TestData.Blobs(seed: 500 + g, clusterSizes: [.. Enumerable.Range(0, 2 + g % 3).Select(a => 3 + (g + a) % 3)], dimension: 8);
            return new LabelledGroup(VectorSet.FromRows(points), labels);
        }),
    ];

    /// <summary>One-artist names; with <paramref name="styles"/> 2, each artist's tracks form two blobs as far apart as two artists.</summary>
    private static VectorSet[] OneArtistNames(int count, int styles) =>
    [
        .. Enumerable.Range(0, count).Select(n => VectorSet.FromRows(TestData.Blobs(seed: 900 + n, clusterSizes: [.. Enumerable.Repeat(4, styles)], dimension: 8).Points)),
    ];

    [Fact]
    public void Calibrate_OneArtistNamesWithTwoStyles_DeploysAThresholdSplittingAtMostTheAllowedShare()
    {
        var groups = Homonyms(10);
        var names = OneArtistNames(20, styles: 2);

        var free = ThresholdCalibrator.Calibrate(groups, names, new CalibrationOptions { Folds = 5, Seed = 1, MaxOneArtistSplitShare = 1 });
        var limited = ThresholdCalibrator.Calibrate(groups, names, new CalibrationOptions { Folds = 5, Seed = 1, MaxOneArtistSplitShare = 0.05 });

        // Unconstrained, the best homonym AMI splits the two-style artists; the 5 % rule moves the threshold above them.
        Assert.Equal(1.0, free.MeanAmi);
        Assert.True(free.OneArtistSplitShare > 0.5, $"unconstrained split share {free.OneArtistSplitShare}");
        Assert.True(limited.Threshold > free.Threshold);
        Assert.InRange(limited.OneArtistSplitShare, 0, 0.05);
        Assert.All(limited.Folds, fold => Assert.InRange(fold.TestOneArtistSplit, 0, fold.TestOneArtistNames.Count));
        Assert.Equal(20, limited.OneArtistNames);
    }

    [Fact]
    public void Calibrate_CompactOneArtistNames_CostNothing()
    {
        var result = ThresholdCalibrator.Calibrate(Homonyms(10), OneArtistNames(12, styles: 1), new CalibrationOptions { Folds = 4, Seed = 2 });

        Assert.Equal((1.0, 1.0), (result.TestMeanAri, result.TestMeanAmi));
        Assert.Equal(0.0, result.TestOneArtistSplitShare);
        Assert.All(result.Names, name => Assert.True(name.Right));
    }

    [Fact]
    public void Calibrate_Names_HoldEveryNameOnceWithItsFoldsThreshold()
    {
        var groups = Homonyms(9);
        var names = OneArtistNames(7, styles: 2);

        var result = ThresholdCalibrator.Calibrate(groups, names, new CalibrationOptions { Folds = 3, Seed = 5 });

        Assert.Equal(Enumerable.Range(0, 9), result.Names.Where(n => n.Kind == NameKind.Homonym).Select(n => n.Index));
        Assert.Equal(Enumerable.Range(0, 7), result.Names.Where(n => n.Kind == NameKind.OneArtist).Select(n => n.Index));
        Assert.All(result.Names, n => Assert.Equal(result.Folds[n.Fold].Threshold, n.Threshold));
        Assert.All(result.Names, n => Assert.Equal(n.Clusters > 1 && n.Probability < 0.5, n.FlaggedForReview));
        Assert.All(result.Names, n => Assert.Equal(ThresholdCalibrator.IsRight(n.TrueArtists, n.Clusters, n.Ari), n.Right));
        Assert.Equal(result.Names.Count, result.Reliability.Bins.Sum(b => b.Names));
    }

    [Theory]
    [InlineData(1, 1, 0.0, true)]
    [InlineData(1, 2, 0.0, false)]
    [InlineData(3, 1, 0.0, false)]
    [InlineData(2, 2, 0.4, false)]
    [InlineData(2, 3, 0.5, true)]
    public void IsRight_KeepsOneArtistWholeAndSplitsSeveralWell(int trueArtists, int clusters, double ari, bool right)
    {
        Assert.Equal(right, ThresholdCalibrator.IsRight(trueArtists, clusters, ari));
    }

    [Fact]
    public void SplitProbability_Fit_HigherConfidenceMoreOftenRight_GivesRisingProbability()
    {
        // Right in 9 of 10 at confidence 0.8, in 2 of 10 at confidence 0.1.
        var samples = Enumerable.Range(0, 10).Select(i => (0.8, i < 9)).Concat(Enumerable.Range(0, 10).Select(i => (0.1, i < 2))).ToList();

        var fit = SplitProbability.Fit(samples);

        Assert.True(fit.A < 0);
        Assert.InRange(fit.Of(0.8), 0.75, 0.9);
        Assert.InRange(fit.Of(0.1), 0.15, 0.3);
    }

    [Fact]
    public void SplitProbability_Fit_AllRight_StaysFiniteAndBelowOne()
    {
        var fit = SplitProbability.Fit([(0.2, true), (0.5, true), (0.9, true)]);

        Assert.True(double.IsFinite(fit.A) && double.IsFinite(fit.B));
        Assert.All(new[] { 0.2, 0.5, 0.9 }, c => Assert.InRange(fit.Of(c), 0.5, 0.99));
    }

    [Fact]
    public void ReliabilityTable_Build_EqualCountBinsOfAtLeastTen_WeightsTheGapsIntoEce()
    {
        // 10 names at 0.2 with 2 right (gap 0), 10 at 0.9 with 5 right (gap 0.4): ECE = 0.5 * 0 + 0.5 * 0.4.
        var names = Enumerable.Range(0, 10).Select(i => (0.2, i < 2)).Concat(Enumerable.Range(0, 10).Select(i => (0.9, i < 5))).ToList();

        var table = ReliabilityTable.Build(names);

        Assert.Equal([10, 10], table.Bins.Select(b => b.Names));
        Assert.Equal(0.2, table.Bins[0].MeanPredicted, 12);
        Assert.Equal(0.5, table.Bins[1].ObservedRight, 12);
        Assert.Equal(0.2, table.Ece, 12);
        Assert.Single(ReliabilityTable.Build([.. names.Take(19)]).Bins);
    }

    [Theory]
    [InlineData(-0.1, 0.5)]
    [InlineData(1.5, 0.5)]
    [InlineData(0.05, -1)]
    public void Calibrate_ShareOrProbabilityOutOfRange_Throws(double share, double probability)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ThresholdCalibrator.Calibrate(
            Homonyms(4), OneArtistNames(2, 1), new CalibrationOptions { Folds = 2, MaxOneArtistSplitShare = share, MinSplitProbability = probability }));
    }
}
