using Disambig.Clustering.Metrics;

namespace Disambig.Clustering.Calibration;

/// <summary>ARI and AMI of a group's flat clustering against its true labels.</summary>
internal readonly record struct ClusteringScores(double Ari, double Ami);

/// <summary>
/// One group's Ward tree and true labels, with scores per cut. A monotone tree cut at t keeps exactly the merges of
/// height &lt;= t, so the cut is fixed by how many heights are &lt;= t and scores are cached per count.
/// </summary>
internal sealed class GroupScores
{
    private readonly Linkage _linkage;
    private readonly int[] _truth;
    private readonly double[] _heights;
    private readonly ClusteringScores?[] _byMergeCount;

    public GroupScores(LabelledGroup group, CancellationToken cancellationToken)
    {
        _linkage = WardLinkage.Compute(group.Vectors, cancellationToken);
        _truth = group.Labels;
        _heights = [.. _linkage.Merges.Select(m => m.Height)];
        _byMergeCount = new ClusteringScores?[_heights.Length + 1];
    }

    public Linkage Linkage => _linkage;

    /// <summary>Distinct true labels of the group (1 for a one-artist name).</summary>
    public int TrueArtists => _truth.Distinct().Count();

    /// <summary>Clusters of the cut at <paramref name="threshold"/>: points less the merges kept.</summary>
    public int ClusterCount(double threshold) => _linkage.PointCount - UpperBound(_heights, threshold);

    public ClusteringScores At(double threshold) => WithKept(UpperBound(_heights, threshold), threshold);

    /// <summary>Adds this group's AMI at each of the ascending thresholds to the matching entry of <paramref name="sums"/>.</summary>
    public void AddAmi(double[] ascendingThresholds, double[] sums)
    {
        var kept = 0;
        for (var c = 0; c < ascendingThresholds.Length; c++)
        {
            while (kept < _heights.Length && _heights[kept] <= ascendingThresholds[c])
            {
                kept++;
            }

            sums[c] += WithKept(kept, ascendingThresholds[c]).Ami;
        }
    }

    /// <param name="kept">Number of merges at or below <paramref name="threshold"/>: the cache key.</param>
    /// <param name="threshold">A threshold giving that cut.</param>
    private ClusteringScores WithKept(int kept, double threshold)
    {
        if (_byMergeCount[kept] is not { } scores)
        {
            var labels = FlatClusters.ByDistance(_linkage, threshold);
            scores = new ClusteringScores(AdjustedRandIndex.Compute(_truth, labels), AdjustedMutualInformation.Compute(_truth, labels));
            _byMergeCount[kept] = scores;
        }

        return scores;
    }

    /// <summary>Number of values &lt;= <paramref name="value"/> in an ascending array.</summary>
    private static int UpperBound(double[] ascending, double value)
    {
        int low = 0, high = ascending.Length;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (ascending[middle] <= value)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
