using Disambig.Clustering.Metrics;

namespace Disambig.Clustering.Calibration;

/// <summary>One cross-validation fold: the threshold chosen on the other folds and its scores on this one.</summary>
/// <param name="Fold">Fold index 0..k-1.</param>
/// <param name="Threshold">Threshold with the best mean AMI over the development (other) folds, among those allowed.</param>
/// <param name="DevelopmentMeanAmi">That best mean AMI.</param>
/// <param name="TestMeanAri">Mean ARI over this fold's groups at the threshold.</param>
/// <param name="TestMeanAmi">Mean AMI over this fold's groups at the threshold.</param>
/// <param name="TestGroups">Indices (into the input list) of this fold's groups.</param>
/// <param name="TestOneArtistNames">Indices of this fold's one-artist names (empty when none were given).</param>
/// <param name="TestOneArtistSplit">How many of them the threshold splits.</param>
public sealed record FoldResult(
    int Fold, double Threshold, double DevelopmentMeanAmi, double TestMeanAri, double TestMeanAmi, IReadOnlyList<int> TestGroups,
    IReadOnlyList<int> TestOneArtistNames, int TestOneArtistSplit);

/// <summary>Whether a name of the calibration hides several artists (a homonym group) or one.</summary>
public enum NameKind
{
    /// <summary>A name shared by 2 or more real artists.</summary>
    Homonym,

    /// <summary>A name of exactly one real artist.</summary>
    OneArtist,
}

/// <summary>The decision on one name in the fold that held it out.</summary>
/// <param name="Kind">Homonym group or one-artist name.</param>
/// <param name="Index">Index into the input list of its kind.</param>
/// <param name="Fold">The fold that held it out.</param>
/// <param name="Threshold">That fold's threshold.</param>
/// <param name="TrueArtists">Real artists behind the name.</param>
/// <param name="Clusters">Clusters of the cut.</param>
/// <param name="Ari">ARI of the cut against the truth.</param>
/// <param name="Ami">AMI of the cut against the truth.</param>
/// <param name="Confidence">The cut's <see cref="SplitDecision.Confidence"/>.</param>
/// <param name="Probability">Probability that the decision is right, by the Platt fit of the development folds.</param>
/// <param name="Right">Whether the decision is right (<see cref="ThresholdCalibrator.IsRight"/>).</param>
/// <param name="FlaggedForReview">A split less probable than <see cref="CalibrationOptions.MinSplitProbability"/>: kept whole and flagged.</param>
public sealed record NameOutcome(
    NameKind Kind, int Index, int Fold, double Threshold, int TrueArtists, int Clusters, double Ari, double Ami,
    double Confidence, double Probability, bool Right, bool FlaggedForReview);

/// <summary>Outcome of a calibration.</summary>
/// <param name="Threshold">Threshold with the best mean AMI over all groups among those allowed: the one to deploy.</param>
/// <param name="MeanAmi">That best mean AMI over all groups (an in-sample figure).</param>
/// <param name="TestMeanAri">Mean ARI over all groups, each scored in the fold where it was held out (the paper's figure).</param>
/// <param name="TestMeanAmi">Mean AMI over all groups, each scored in the fold where it was held out (the paper's figure).</param>
/// <param name="Folds">Per-fold choices and scores.</param>
/// <param name="OneArtistNames">One-artist names given.</param>
/// <param name="OneArtistSplitShare">Share of them the deployed threshold splits (in-sample).</param>
/// <param name="TestOneArtistSplitShare">Share of them split, each in the fold that held it out.</param>
/// <param name="Names">Every name's held-out decision: groups first, then one-artist names.</param>
/// <param name="Probability">Confidence-to-probability map fitted on all names at the deployed threshold.</param>
/// <param name="Reliability">Held-out probabilities against held-out outcomes, with the expected calibration error.</param>
/// <param name="ReviewedTestMeanAmi">Held-out mean AMI when flagged names are kept whole (AMI 0 for a group kept whole).</param>
/// <param name="ReviewedTestOneArtistSplitShare">Held-out share of one-artist names split when flagged names are kept whole.</param>
public sealed record CalibrationResult(
    double Threshold, double MeanAmi, double TestMeanAri, double TestMeanAmi, IReadOnlyList<FoldResult> Folds,
    int OneArtistNames, double OneArtistSplitShare, double TestOneArtistSplitShare, IReadOnlyList<NameOutcome> Names,
    SplitProbability Probability, ReliabilityTable Reliability, double ReviewedTestMeanAmi, double ReviewedTestOneArtistSplitShare);

/// <summary>
/// Chooses the Ward distance threshold by the paper's protocol, made fit for a catalog: k-fold cross-validation over
/// homonym groups (and one-artist names, dealt into folds the same way), the threshold maximising mean homonym AMI on
/// the development folds among those that split at most <see cref="CalibrationOptions.MaxOneArtistSplitShare"/> of the
/// development one-artist names, scores reported on the test fold. It also calibrates the split confidence into the
/// probability that a name's decision is right. The one calibration rule of <c>disambig eval</c> and the trainer.
/// </summary>
public static class ThresholdCalibrator
{
    /// <summary>Least ARI for a split of a multi-artist name to count as right.</summary>
    public const double RightSplitMinAri = 0.5;

    /// <summary>
    /// A decision is right when a one-artist name is kept whole, or a name of several artists is split with an ARI of
    /// at least <see cref="RightSplitMinAri"/>.
    /// </summary>
    public static bool IsRight(int trueArtists, int clusters, double ari) =>
        trueArtists <= 1 ? clusters <= 1 : clusters > 1 && ari >= RightSplitMinAri;

    /// <summary>Calibration on homonym groups only (no one-artist names: no split constraint).</summary>
    public static CalibrationResult Calibrate(IReadOnlyList<LabelledGroup> groups, CalibrationOptions options, CancellationToken cancellationToken = default) =>
        Calibrate(groups, [], options, cancellationToken);

    /// <summary>Runs the cross-validation and the final choice over all names.</summary>
    /// <param name="groups">Names hiding several artists, labelled.</param>
    /// <param name="oneArtistNames">Names of one artist each (each unseen artist under its own name).</param>
    /// <param name="options">Folds, seed, candidates, the one-artist split limit and the review limit.</param>
    /// <param name="cancellationToken">Stops the tree computations and the folds.</param>
    /// <remarks>
    /// Groups (and, apart, one-artist names) are shuffled with <see cref="CalibrationOptions.Seed"/> (Fisher-Yates with
    /// <see cref="Random"/>) and dealt round-robin into folds, so fold sizes differ by at most one. Candidates come
    /// from the merge heights of every tree, so a threshold above every one-artist tree always exists. Among allowed
    /// candidates with the same best mean AMI the smallest wins; when none is allowed (only with explicit candidates),
    /// the ones splitting the fewest one-artist names compete. Each tree is computed once.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range for this many groups.</exception>
    public static CalibrationResult Calibrate(
        IReadOnlyList<LabelledGroup> groups, IReadOnlyList<VectorSet> oneArtistNames, CalibrationOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(oneArtistNames);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate(groups.Count);

        var scores = new GroupScores[groups.Count];
        var singles = new GroupScores[oneArtistNames.Count];
        Parallel.For(0, groups.Count + singles.Length, ParallelLoops.OnCurrentScheduler(cancellationToken), i =>
        {
            if (i < groups.Count)
            {
                scores[i] = new GroupScores(groups[i], cancellationToken);
            }
            else
            {
                var name = oneArtistNames[i - groups.Count];
                singles[i - groups.Count] = new GroupScores(new LabelledGroup(name, new int[name.Count]), cancellationToken);
            }
        });

        var foldOf = AssignFolds(groups.Count, options.Folds, options.Seed);
        var singleFoldOf = AssignFolds(singles.Length, options.Folds, options.Seed);
        var folds = new FoldResult[options.Folds];
        var names = new List<NameOutcome>();
        for (var fold = 0; fold < options.Folds; fold++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int[] development = [.. Enumerable.Range(0, groups.Count).Where(g => foldOf[g] != fold)];
            int[] test = [.. Enumerable.Range(0, groups.Count).Where(g => foldOf[g] == fold)];
            int[] developmentSingles = [.. Enumerable.Range(0, singles.Length).Where(s => singleFoldOf[s] != fold)];
            int[] testSingles = [.. Enumerable.Range(0, singles.Length).Where(s => singleFoldOf[s] == fold)];
            var (threshold, developmentAmi) = BestThreshold(
                [.. development.Select(g => scores[g])], [.. developmentSingles.Select(s => singles[s])], options);
            var probability = SplitProbability.Fit([
                .. development.Select(g => Sample(scores[g], threshold)),
                .. developmentSingles.Select(s => Sample(singles[s], threshold)),
            ]);
            var testScores = test.Select(g => scores[g].At(threshold)).ToArray();
            folds[fold] = new FoldResult(
                fold, threshold, developmentAmi, testScores.Average(s => s.Ari), testScores.Average(s => s.Ami), test,
                testSingles, testSingles.Count(s => singles[s].ClusterCount(threshold) > 1));
            names.AddRange(test.Select(g => Outcome(NameKind.Homonym, g, fold, scores[g], threshold, probability, options)));
            names.AddRange(testSingles.Select(s => Outcome(NameKind.OneArtist, s, fold, singles[s], threshold, probability, options)));
        }

        names.Sort((x, y) => (x.Kind, x.Index).CompareTo((y.Kind, y.Index)));
        var (overall, overallAmi) = BestThreshold(scores, singles, options);
        var deployed = SplitProbability.Fit([.. scores.Select(g => Sample(g, overall)), .. singles.Select(s => Sample(s, overall))]);
        var homonymNames = names.Where(n => n.Kind == NameKind.Homonym).ToArray();
        var singleNames = names.Where(n => n.Kind == NameKind.OneArtist).ToArray();
        return new CalibrationResult(
            overall,
            overallAmi,
            homonymNames.Average(n => n.Ari),
            homonymNames.Average(n => n.Ami),
            folds,
            singles.Length,
            Share(singles.Count(s => s.ClusterCount(overall) > 1), singles.Length),
            Share(singleNames.Count(n => n.Clusters > 1), singles.Length),
            names,
            deployed,
            ReliabilityTable.Build([.. names.Select(n => (n.Probability, n.Right))]),
            homonymNames.Average(n => n.FlaggedForReview ? 0 : n.Ami),
            Share(singleNames.Count(n => n.Clusters > 1 && !n.FlaggedForReview), singles.Length));
    }

    private static double Share(int count, int total) => total == 0 ? 0 : (double)count / total;

    private static (double Confidence, bool Right) Sample(GroupScores name, double threshold)
    {
        var clusters = name.ClusterCount(threshold);
        return (SplitDecision.Decide(name.Linkage, threshold).Confidence, IsRight(name.TrueArtists, clusters, name.At(threshold).Ari));
    }

    private static NameOutcome Outcome(NameKind kind, int index, int fold, GroupScores name, double threshold, SplitProbability probability, CalibrationOptions options)
    {
        var clusters = name.ClusterCount(threshold);
        var (ari, ami) = kind == NameKind.Homonym ? name.At(threshold) : new ClusteringScores(clusters == 1 ? 1 : 0, clusters == 1 ? 1 : 0);
        var confidence = SplitDecision.Decide(name.Linkage, threshold).Confidence;
        var p = probability.Of(confidence);
        return new NameOutcome(kind, index, fold, threshold, name.TrueArtists, clusters, ari, ami, confidence, p,
            IsRight(name.TrueArtists, clusters, ari), clusters > 1 && p < options.MinSplitProbability);
    }

    private static (double Threshold, double MeanAmi) BestThreshold(GroupScores[] groups, GroupScores[] singles, CalibrationOptions options)
    {
        var ordered = (options.Candidates ?? ThresholdCandidates.FromMergeHeights(groups.Concat(singles).Select(g => g.Linkage))).Distinct().Order().ToArray();
        var sums = new double[ordered.Length];
        foreach (var group in groups)
        {
            group.AddAmi(ordered, sums);
        }

        var split = new int[ordered.Length];
        foreach (var single in singles)
        {
            for (var c = 0; c < ordered.Length; c++)
            {
                split[c] += single.ClusterCount(ordered[c]) > 1 ? 1 : 0;
            }
        }

        // Allowed: at most the configured share of one-artist names split; with none allowed, the fewest splits.
        var allowedSplits = Math.Max((int)Math.Floor(options.MaxOneArtistSplitShare * singles.Length + 1e-9), split.Min());
        var best = -1;
        for (var c = 0; c < sums.Length; c++)
        {
            if (split[c] <= allowedSplits && (best < 0 || sums[c] > sums[best]))
            {
                best = c;
            }
        }

        return (ordered[best], groups.Length == 0 ? 0 : sums[best] / groups.Length);
    }

    private static int[] AssignFolds(int count, int folds, int seed)
    {
        var order = Enumerable.Range(0, count).ToArray();
        var random = new Random(seed);
        for (var i = order.Length - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }

        var foldOf = new int[count];
        for (var position = 0; position < order.Length; position++)
        {
            foldOf[order[position]] = position % folds;
        }

        return foldOf;
    }
}
