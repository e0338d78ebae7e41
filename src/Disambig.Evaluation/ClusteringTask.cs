using Disambig.Clustering.Calibration;

namespace Disambig.Evaluation;

/// <summary>Outcome of the homonym clustering task for one model.</summary>
/// <param name="Groups">Groups clustered.</param>
/// <param name="Artists">Real artists in them.</param>
/// <param name="Tracks">Tracks in them.</param>
/// <param name="Folds">Cross-validation folds used.</param>
/// <param name="MeanAri">Mean ARI over the groups, each scored in the fold that held it out (the paper's figure).</param>
/// <param name="MeanAmi">Mean AMI, likewise.</param>
/// <param name="Threshold">Ward distance threshold with the best mean AMI over all groups: the one the pipeline deploys.</param>
/// <param name="FoldThresholds">Threshold chosen on the development folds of each fold.</param>
public sealed record ClusteringResult(int Groups, int Artists, int Tracks, int Folds, double MeanAri, double MeanAmi, double Threshold, IReadOnlyList<double> FoldThresholds);

/// <summary>
/// Section 4.1.2: each group is clustered with Ward linkage and cut at a distance threshold chosen on the development
/// folds by mean AMI; ARI and AMI are averaged over the test folds (k-fold cross-validation over groups).
/// </summary>
public static class ClusteringTask
{
    /// <param name="vectors">Track vectors by track id; tracks without one are left out, and so are groups left with fewer than 2 tracks.</param>
    /// <param name="folds">Folds wanted; fewer when there are fewer groups.</param>
    /// <returns>Null when fewer than 2 groups remain.</returns>
    public static ClusteringResult? Run(HomonymSet set, IReadOnlyDictionary<string, float[]> vectors, int folds, int seed, CancellationToken cancellationToken = default)
    {
        var groups = set.Groups
            .Select(g => g.Tracks.Where(t => vectors.ContainsKey(t.Track.TrackId)).ToList())
            .Where(tracks => tracks.Count >= 2)
            .ToList();
        if (groups.Count < 2) return null;
        var labelled = groups.Select(tracks => new LabelledGroup(ClassificationTask.Vectors(tracks, vectors), [.. tracks.Select(t => t.Artist)])).ToList();
        var used = Math.Min(folds, groups.Count);
        var result = ThresholdCalibrator.Calibrate(labelled, new CalibrationOptions { Folds = used, Seed = seed }, cancellationToken);
        return new ClusteringResult(
            groups.Count,
            groups.Sum(tracks => tracks.Select(t => t.Artist).Distinct().Count()),
            groups.Sum(tracks => tracks.Count),
            used,
            result.TestMeanAri,
            result.TestMeanAmi,
            result.Threshold,
            [.. result.Folds.Select(f => f.Threshold)]);
    }
}
