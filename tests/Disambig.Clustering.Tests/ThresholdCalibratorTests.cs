using Disambig.Clustering.Calibration;

namespace Disambig.Clustering.Tests;

public class ThresholdCalibratorTests
{
    /// <summary>Homonym groups of 1 to 4 well separated artists (noise 0.3, centres about 10 apart).</summary>
    private static LabelledGroup[] SeparableGroups(int count) =>
    [
        .. Enumerable.Range(0, count).Select(g =>
        {
            var (points, labels) = TestData.Blobs(seed: 100 + 2 * g, clusterSizes: [.. Enumerable.Range(0, 1 + g % 4).Select(a => 3 + (g + a) % 5)], dimension: 8);
            return new LabelledGroup(VectorSet.FromRows(points), labels);
        }),
    ];

    [Fact]
    public void Calibrate_SeparableGroups_EveryHeldOutGroupIsRecovered()
    {
        var result = ThresholdCalibrator.Calibrate(SeparableGroups(12), new CalibrationOptions { Folds = 5, Seed = 1 });

        Assert.Equal((1.0, 1.0, 1.0), (result.TestMeanAri, result.TestMeanAmi, result.MeanAmi));
        Assert.All(result.Folds, fold => Assert.Equal((1.0, 1.0), (fold.TestMeanAri, fold.TestMeanAmi)));
    }

    [Fact]
    public void Calibrate_ElevenGroupsFiveFolds_TestsEachGroupOnceInFoldsOfTwoOrThree()
    {
        var result = ThresholdCalibrator.Calibrate(SeparableGroups(11), new CalibrationOptions { Folds = 5, Seed = 7 });

        Assert.Equal(Enumerable.Range(0, 11), result.Folds.SelectMany(f => f.TestGroups).Order());
        Assert.Equal([2, 2, 2, 2, 3], result.Folds.Select(f => f.TestGroups.Count).Order());
    }

    [Fact]
    public void Calibrate_SameSeed_GivesSameFolds()
    {
        var options = new CalibrationOptions { Folds = 3, Seed = 42 };

        var first = ThresholdCalibrator.Calibrate(SeparableGroups(6), options);
        var second = ThresholdCalibrator.Calibrate(SeparableGroups(6), options);

        Assert.Equal(first.Folds.Select(f => f.TestGroups.ToArray()), second.Folds.Select(f => f.TestGroups.ToArray()));
    }

    [Fact]
    public void Calibrate_OverlappingArtists_EachFoldTakesTheFirstThresholdWithBestDevelopmentAmi()
    {
        // Noise as large as the spread of the centres: AMI varies with the threshold and no cut is perfect.
        var groups = Enumerable.Range(0, 10).Select(g =>
        {
            var centres = TestData.Gaussian(seed: 300 + g, count: 3, dimension: 4);
            var noise = TestData.Gaussian(seed: 400 + g, count: 15, dimension: 4);
            var labels = Enumerable.Range(0, 15).Select(i => i % 3).ToArray();
            var points = labels.Select((label, i) => centres[label].Zip(noise[i], (c, e) => c + 0.8 * e).ToArray()).ToArray();
            return new LabelledGroup(VectorSet.FromRows(points), labels);
        }).ToArray();
        var candidates = ThresholdCandidates.Grid(0.1, 6, 60);

        var result = ThresholdCalibrator.Calibrate(groups, new CalibrationOptions { Folds = 5, Seed = 3, Candidates = candidates });

        foreach (var fold in result.Folds)
        {
            var development = Enumerable.Range(0, groups.Length).Except(fold.TestGroups).Select(g => groups[g]).ToArray();
            var meanAmi = candidates.Select(t => development.Average(g => AmiAt(g, t))).ToArray();
            var best = Array.IndexOf(meanAmi, meanAmi.Max());
            Assert.Equal(candidates[best], fold.Threshold);
            Assert.Equal(meanAmi[best], fold.DevelopmentMeanAmi, 12);
            Assert.Equal(fold.TestGroups.Average(g => AmiAt(groups[g], fold.Threshold)), fold.TestMeanAmi, 12);
        }

        Assert.InRange(result.TestMeanAmi, 0.05, 0.95);
    }

    private static double AmiAt(LabelledGroup group, double threshold) =>
        Metrics.AdjustedMutualInformation.Compute(group.Labels, FlatClusters.ByDistance(WardLinkage.Compute(group.Vectors), threshold));

    [Fact]
    public void Calibrate_GivenCandidates_PicksSmallestOfTheBest()
    {
        // 0.01 splits every track apart, 1000 merges every group; 5 and 6 both separate the artists exactly.
        var result = ThresholdCalibrator.Calibrate(SeparableGroups(8), new CalibrationOptions { Folds = 4, Candidates = [1000, 6, 0.01, 5] });

        Assert.Equal(5, result.Threshold);
        Assert.All(result.Folds, fold => Assert.Equal(5, fold.Threshold));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    public void Calibrate_FoldsOutOfRange_Throws(int folds)
    {
        Assert.Throws<ArgumentOutOfRangeException>(
            () => ThresholdCalibrator.Calibrate(SeparableGroups(6), new CalibrationOptions { Folds = folds }));
    }

    [Fact]
    public void FromMergeHeights_DistinctHeights_GivesOneCandidateInsideEachInterval()
    {
        var linkages = new[]
        {
            new Linkage(3, [new(0, 1, 1.0, 2), new(2, 3, 3.0, 3)]),
            new Linkage(3, [new(0, 1, 3.0, 2), new(2, 3, 4.0, 3)]),
        };

        Assert.Equal([0.5, 2.0, 3.5, 8.0], ThresholdCandidates.FromMergeHeights(linkages));
    }

    [Fact]
    public void Grid_FiveSteps_IncludesBothBounds()
    {
        Assert.Equal([0.0, 0.25, 0.5, 0.75, 1.0], ThresholdCandidates.Grid(0, 1, 5));
    }
}
