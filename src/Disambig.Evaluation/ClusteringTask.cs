using Disambig.Clustering.Calibration;
using Disambig.Vectors.Calibration;

namespace Disambig.Evaluation;

/// <summary>The held-out decision on one name: a homonym group or a one-artist name.</summary>
/// <param name="Name">The credited name (a one-artist name is its artist's id).</param>
/// <param name="Kind">"homonym" or "one-artist".</param>
/// <param name="Artists">The true artists behind it.</param>
/// <param name="Tracks">Tracks clustered.</param>
/// <param name="Fold">The fold that held it out.</param>
/// <param name="Threshold">That fold's threshold.</param>
/// <param name="Clusters">Clusters of the cut (1: kept whole).</param>
/// <param name="Ari">ARI against the truth (1 or 0 for a one-artist name: kept whole or not).</param>
/// <param name="Ami">AMI, likewise.</param>
/// <param name="Confidence">The cut's margin confidence.</param>
/// <param name="Probability">Calibrated probability that the decision is right (fitted on the other folds).</param>
/// <param name="Right">Whether it is right: a one-artist name kept whole, a homonym split with ARI &gt;= 0.5.</param>
/// <param name="FlaggedForReview">A split below the probability limit: kept whole and queued for a curator.</param>
public sealed record NameResult(
    string Name, string Kind, IReadOnlyList<string> Artists, int Tracks, int Fold, double Threshold, int Clusters,
    double Ari, double Ami, double Confidence, double Probability, bool Right, bool FlaggedForReview);

/// <summary>Outcome of the homonym clustering task for one model.</summary>
/// <param name="Groups">Groups clustered.</param>
/// <param name="Artists">Real artists in them.</param>
/// <param name="Tracks">Tracks in them.</param>
/// <param name="Folds">Cross-validation folds used.</param>
/// <param name="MeanAri">Mean ARI over the groups, each scored in the fold that held it out (the paper's figure).</param>
/// <param name="MeanAmi">Mean AMI, likewise.</param>
/// <param name="Threshold">The deployed Ward distance threshold: best mean AMI over all groups among those splitting at most <paramref name="MaxOneArtistSplitShare"/> of the one-artist names.</param>
/// <param name="FoldThresholds">Threshold chosen on the development folds of each fold.</param>
/// <param name="OneArtistNames">One-artist names clustered (0: none, and no split limit).</param>
/// <param name="MaxOneArtistSplitShare">The limit on the share of one-artist names split.</param>
/// <param name="OneArtistSplitShare">Share of one-artist names split, each in the fold that held it out.</param>
/// <param name="DeployedOneArtistSplitShare">Share split by the deployed threshold (in-sample).</param>
/// <param name="SplitProbabilityA">Platt slope of the deployed confidence-to-probability map.</param>
/// <param name="SplitProbabilityB">Platt offset.</param>
/// <param name="Reliability">Held-out predicted probability against observed rightness, bins of at least 10 names.</param>
/// <param name="ExpectedCalibrationError">ECE of the held-out probabilities.</param>
/// <param name="MinSplitProbability">Splits less probable than this are kept whole and flagged.</param>
/// <param name="FlaggedForReview">Names flagged (held out).</param>
/// <param name="ReviewedMeanAmi">Held-out mean homonym AMI with flagged names kept whole.</param>
/// <param name="ReviewedOneArtistSplitShare">Held-out share of one-artist names split with flagged names kept whole.</param>
/// <param name="Names">Every name's held-out decision.</param>
public sealed record ClusteringResult(
    int Groups, int Artists, int Tracks, int Folds, double MeanAri, double MeanAmi, double Threshold, IReadOnlyList<double> FoldThresholds,
    int OneArtistNames = 0, double MaxOneArtistSplitShare = 0, double OneArtistSplitShare = 0, double DeployedOneArtistSplitShare = 0,
    double SplitProbabilityA = 0, double SplitProbabilityB = 0, IReadOnlyList<ReliabilityBin>? Reliability = null, double ExpectedCalibrationError = 0,
    double MinSplitProbability = 0, int FlaggedForReview = 0, double ReviewedMeanAmi = 0, double ReviewedOneArtistSplitShare = 0,
    IReadOnlyList<NameResult>? Names = null);

/// <summary>
/// Section 4.1.2, made fit for a catalog: each name is clustered with Ward linkage and cut at a distance threshold
/// chosen on the development folds by mean homonym AMI among thresholds that leave one-artist names whole (at most
/// <see cref="EvaluationOptions.MaxOneArtistSplitShare"/> split); ARI, AMI and the one-artist split share are scored
/// on the test folds (k-fold cross-validation over names), and the split confidence is calibrated into a probability
/// (<see cref="HeldOutCalibration"/>, the workflow the trainer shares).
/// </summary>
public static class ClusteringTask
{
    /// <summary>The paper's task alone: homonym groups, no one-artist names.</summary>
    public static ClusteringResult? Run(HomonymSet set, IReadOnlyDictionary<string, float[]> vectors, int folds, int seed, CancellationToken cancellationToken = default) =>
        Run(set, new OneArtistSet([]), vectors, new EvaluationOptions { Folds = folds, Seed = seed, MaxOneArtistSplitShare = 1 }, cancellationToken);

    /// <param name="set">The homonym groups.</param>
    /// <param name="oneArtist">The one-artist names.</param>
    /// <param name="vectors">Track vectors by track id; tracks without one are left out, and so are names left with fewer than 2 tracks.</param>
    /// <param name="options">Folds (fewer when there are fewer groups), seed, the split limit and the probability limit.</param>
    /// <param name="cancellationToken">Stops the clustering.</param>
    /// <returns>Null when fewer than 2 groups remain.</returns>
    public static ClusteringResult? Run(
        HomonymSet set, OneArtistSet oneArtist, IReadOnlyDictionary<string, float[]> vectors, EvaluationOptions options, CancellationToken cancellationToken = default)
    {
        var groups = set.Groups
            .Select(g => (Group: g, Tracks: g.Tracks.Where(t => vectors.ContainsKey(t.Track.TrackId)).ToList()))
            .Where(g => g.Tracks.Count >= 2)
            .ToList();
        if (groups.Count < 2) return null;
        var singles = oneArtist.Names
            .Select(n => (Name: n, Tracks: n.Tracks.Where(t => vectors.ContainsKey(t.Track.TrackId)).ToList()))
            .Where(n => n.Tracks.Count >= 2)
            .ToList();
        var used = Math.Min(options.Folds, groups.Count);
        var result = HeldOutCalibration.Calibrate(
            [.. groups.Select(g => (IReadOnlyList<ArtistVector>)[.. g.Tracks.Select(t => new ArtistVector(g.Group.Artists[t.Artist], vectors[t.Track.TrackId]))])],
            [.. singles.Select(n => (IReadOnlyList<float[]>)[.. n.Tracks.Select(t => vectors[t.Track.TrackId])])],
            new CalibrationOptions { Folds = used, Seed = options.Seed, MaxOneArtistSplitShare = options.MaxOneArtistSplitShare, MinSplitProbability = options.MinSplitProbability },
            cancellationToken);
        var names = result.Names.Select(n => n.Kind == NameKind.Homonym
            ? Describe(n, groups[n.Index].Group.Name, "homonym", [.. groups[n.Index].Tracks.Select(t => t.Artist).Distinct().Order().Select(a => groups[n.Index].Group.Artists[a])], groups[n.Index].Tracks.Count)
            : Describe(n, singles[n.Index].Name.Artist, "one-artist", [singles[n.Index].Name.Artist], singles[n.Index].Tracks.Count)).ToList();
        return new ClusteringResult(
            groups.Count,
            groups.Sum(g => g.Tracks.Select(t => t.Artist).Distinct().Count()),
            groups.Sum(g => g.Tracks.Count),
            used,
            result.TestMeanAri,
            result.TestMeanAmi,
            result.Threshold,
            [.. result.Folds.Select(f => f.Threshold)],
            singles.Count,
            options.MaxOneArtistSplitShare,
            result.TestOneArtistSplitShare,
            result.OneArtistSplitShare,
            result.Probability.A,
            result.Probability.B,
            result.Reliability.Bins,
            result.Reliability.Ece,
            options.MinSplitProbability,
            names.Count(n => n.FlaggedForReview),
            result.ReviewedTestMeanAmi,
            result.ReviewedTestOneArtistSplitShare,
            names);
    }

    private static NameResult Describe(NameOutcome n, string name, string kind, IReadOnlyList<string> artists, int tracks) =>
        new(name, kind, artists, tracks, n.Fold, n.Threshold, n.Clusters, n.Ari, n.Ami, n.Confidence, n.Probability, n.Right, n.FlaggedForReview);
}
