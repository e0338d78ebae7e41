namespace Disambig.Clustering;

/// <summary>The proposed split of one artist name's tracks, with a confidence for a catalog curator.</summary>
/// <param name="Labels">Cluster label 1..k per track (scipy's numbering).</param>
/// <param name="ClusterCount">k, the number of proposed artist entities.</param>
/// <param name="Confidence">
/// How far the threshold could move before k changes, relative to the threshold, in [0, 1]:
/// min(1, |t - h| / t) for the merge height h nearest to t (kept or cut). 0: a merge sits at the threshold and
/// the slightest change flips the decision; 0.5: the decision holds for thresholds within ±50 %; 1: it holds from 0
/// to 2t at least. One or no track gives 1; t = 0 gives 1 unless a merge has height 0.
/// </param>
public sealed record SplitDecision(int[] Labels, int ClusterCount, double Confidence)
{
    /// <summary>Cuts <paramref name="linkage"/> at <paramref name="threshold"/> and rates how clear-cut the cut is.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The threshold is negative, NaN or infinite.</exception>
    public static SplitDecision Decide(Linkage linkage, double threshold)
    {
        ArgumentNullException.ThrowIfNull(linkage);
        if (!double.IsFinite(threshold) || threshold < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "The threshold must be finite and >= 0.");
        }

        var labels = FlatClusters.ByDistance(linkage, threshold);
        var clusterCount = labels.Length == 0 ? 0 : labels.Max();
        var nearest = double.PositiveInfinity;
        foreach (var merge in linkage.Merges)
        {
            nearest = Math.Min(nearest, Math.Abs(merge.Height - threshold));
        }

        var confidence = nearest == double.PositiveInfinity ? 1
            : threshold == 0 ? (nearest > 0 ? 1 : 0)
            : Math.Min(1, nearest / threshold);
        return new SplitDecision(labels, clusterCount, confidence);
    }
}
