using Disambig.Clustering.Metrics;

namespace Disambig.Clustering.Calibration;

/// <summary>ARI and AMI of a group's flat clustering against its true labels.</summary>
public readonly record struct ClusteringScores(double Ari, double Ami);

/// <summary>
/// One group's Ward tree and true labels, with scores per cut. A monotone tree cut at t keeps exactly the merges of
/// height &lt;= t, so the cut is fixed by how many heights are &lt;= t and scores are cached per count.
/// </summary>
internal sealed class GroupScores
{
    private readonly Linkage _linkage;
    private readonly int[] _truth;
    private readonly double[] _heights;
    private readonly Dictionary<int, ClusteringScores> _byMergeCount = [];

    public GroupScores(LabelledGroup group, CancellationToken cancellationToken)
    {
        _linkage = WardLinkage.Compute(group.Vectors, cancellationToken);
        _truth = group.Labels;
        _heights = [.. _linkage.Merges.Select(m => m.Height)];
    }

    public Linkage Linkage => _linkage;

    public ClusteringScores At(double threshold)
    {
        var kept = UpperBound(_heights, threshold);
        if (!_byMergeCount.TryGetValue(kept, out var scores))
        {
            var labels = FlatClusters.ByDistance(_linkage, threshold);
            scores = new ClusteringScores(AdjustedRandIndex.Compute(_truth, labels), AdjustedMutualInformation.Compute(_truth, labels));
            _byMergeCount.Add(kept, scores);
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
