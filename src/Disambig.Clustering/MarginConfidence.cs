namespace Disambig.Clustering;

/// <summary>How far a distance threshold could move before a flat cluster changes: the clusters' margin confidences.</summary>
public static class MarginConfidence
{
    /// <summary>
    /// Per flat cluster label: min(1, min(t - inner, outer - t) / t), where inner is the highest merge inside the cluster
    /// (0 for one point) and outer the first merge joining it to another (infinite for none). It is how far the threshold
    /// could move, relative to itself, before the cluster gains or loses points.
    /// </summary>
    public static Dictionary<int, double> PerCluster(Linkage linkage, int[] labels, double threshold)
    {
        var n = linkage.PointCount;
        var labelOfNode = new int[n + linkage.Merges.Count];
        labels.CopyTo(labelOfNode, 0);
        var inner = labels.Distinct().ToDictionary(label => label, _ => 0.0);
        var outer = labels.Distinct().ToDictionary(label => label, _ => double.PositiveInfinity);
        for (var i = 0; i < linkage.Merges.Count; i++)
        {
            var merge = linkage.Merges[i];
            var (left, right) = (labelOfNode[merge.Left], labelOfNode[merge.Right]);
            if (left != 0 && left == right)
            {
                labelOfNode[n + i] = left;
                inner[left] = Math.Max(inner[left], merge.Height);
                continue;
            }
            foreach (var label in (ReadOnlySpan<int>)[left, right])
            {
                if (label != 0) outer[label] = Math.Min(outer[label], merge.Height);
            }
        }
        return inner.Keys.ToDictionary(label => label, label => Margin(inner[label], outer[label], threshold));
    }

    private static double Margin(double inner, double outer, double threshold)
    {
        if (threshold <= 0) return outer > 0 ? 1 : 0;
        return Math.Clamp(Math.Min(threshold - inner, outer - threshold) / threshold, 0, 1);
    }
}
