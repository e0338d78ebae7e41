namespace Disambig.Clustering.Calibration;

/// <summary>One cross-validation fold: the threshold chosen on the other folds and its scores on this one.</summary>
/// <param name="Fold">Fold index 0..k-1.</param>
/// <param name="Threshold">Threshold with the best mean AMI over the development (other) folds.</param>
/// <param name="DevelopmentMeanAmi">That best mean AMI.</param>
/// <param name="TestMeanAri">Mean ARI over this fold's groups at the threshold.</param>
/// <param name="TestMeanAmi">Mean AMI over this fold's groups at the threshold.</param>
/// <param name="TestGroups">Indices (into the input list) of this fold's groups.</param>
public sealed record FoldResult(int Fold, double Threshold, double DevelopmentMeanAmi, double TestMeanAri, double TestMeanAmi, IReadOnlyList<int> TestGroups);

/// <summary>Outcome of a calibration.</summary>
/// <param name="Threshold">Threshold with the best mean AMI over all groups: the one to deploy.</param>
/// <param name="MeanAmi">That best mean AMI over all groups (an in-sample figure).</param>
/// <param name="TestMeanAri">Mean ARI over all groups, each scored in the fold where it was held out (the paper's figure).</param>
/// <param name="TestMeanAmi">Mean AMI over all groups, each scored in the fold where it was held out (the paper's figure).</param>
/// <param name="Folds">Per-fold choices and scores.</param>
public sealed record CalibrationResult(double Threshold, double MeanAmi, double TestMeanAri, double TestMeanAmi, IReadOnlyList<FoldResult> Folds);

/// <summary>
/// Chooses the Ward distance threshold by the paper's protocol: k-fold cross-validation over homonym groups, the
/// threshold maximising mean AMI on the development folds, mean ARI and AMI reported on the test fold.
/// </summary>
public static class ThresholdCalibrator
{
    /// <summary>Runs the cross-validation and the final choice over all groups.</summary>
    /// <remarks>
    /// Groups are shuffled with <see cref="CalibrationOptions.Seed"/> (Fisher-Yates with <see cref="Random"/>) and dealt
    /// round-robin into folds, so fold sizes differ by at most one. Among candidates with the same best mean AMI the
    /// smallest threshold wins. Each group's tree is computed once.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range for this many groups.</exception>
    public static CalibrationResult Calibrate(IReadOnlyList<LabelledGroup> groups, CalibrationOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate(groups.Count);

        var scores = new GroupScores[groups.Count];
        Parallel.For(0, groups.Count, new ParallelOptions { CancellationToken = cancellationToken },
            g => scores[g] = new GroupScores(groups[g], cancellationToken));

        var foldOf = AssignFolds(groups.Count, options.Folds, options.Seed);
        var folds = new FoldResult[options.Folds];
        var heldOutAri = 0.0;
        var heldOutAmi = 0.0;
        for (var fold = 0; fold < options.Folds; fold++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var development = Enumerable.Range(0, groups.Count).Where(g => foldOf[g] != fold).Select(g => scores[g]).ToArray();
            var test = Enumerable.Range(0, groups.Count).Where(g => foldOf[g] == fold).ToArray();
            var (threshold, developmentAmi) = BestThreshold(development, options.Candidates);
            var testScores = test.Select(g => scores[g].At(threshold)).ToArray();
            heldOutAri += testScores.Sum(s => s.Ari);
            heldOutAmi += testScores.Sum(s => s.Ami);
            folds[fold] = new FoldResult(fold, threshold, developmentAmi, testScores.Average(s => s.Ari), testScores.Average(s => s.Ami), test);
        }

        var (overall, overallAmi) = BestThreshold(scores, options.Candidates);
        return new CalibrationResult(overall, overallAmi, heldOutAri / groups.Count, heldOutAmi / groups.Count, folds);
    }

    private static (double Threshold, double MeanAmi) BestThreshold(GroupScores[] groups, IReadOnlyList<double>? candidates)
    {
        var ordered = (candidates ?? ThresholdCandidates.FromMergeHeights(groups.Select(g => g.Linkage))).Distinct().Order().ToArray();
        var sums = new double[ordered.Length];
        foreach (var group in groups)
        {
            group.AddAmi(ordered, sums);
        }

        var best = 0;
        for (var c = 1; c < sums.Length; c++)
        {
            if (sums[c] > sums[best])
            {
                best = c;
            }
        }

        return (ordered[best], sums[best] / groups.Length);
    }

    private static int[] AssignFolds(int groupCount, int folds, int seed)
    {
        var order = Enumerable.Range(0, groupCount).ToArray();
        var random = new Random(seed);
        for (var i = order.Length - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }

        var foldOf = new int[groupCount];
        for (var position = 0; position < order.Length; position++)
        {
            foldOf[order[position]] = position % folds;
        }

        return foldOf;
    }
}
