namespace Disambig.Clustering;

/// <summary>Flat clusters cut from a merge tree, as scipy's <c>fcluster(Z, t, criterion='distance')</c>.</summary>
public static class FlatClusters
{
    /// <summary>
    /// Labels 1..k per point: points stay together when every merge joining them has height &lt;= <paramref name="threshold"/>
    /// (a subtree is one cluster when the largest height inside it is &lt;= t; every merge above t is cut).
    /// </summary>
    /// <remarks>
    /// Numbering follows scipy's <c>cluster_monocrit</c> exactly: a depth-first walk from the root that enters the left
    /// internal child, then the right internal child, and only on the way back up labels the node's leaf children (left,
    /// then right); the first subtree under the cut opens the next number, and so does each point left on its own.
    /// One point gives [1]; no points give []. A negative threshold leaves every point alone.
    /// </remarks>
    /// <exception cref="ArgumentException">The threshold is NaN.</exception>
    public static int[] ByDistance(Linkage linkage, double threshold)
    {
        ArgumentNullException.ThrowIfNull(linkage);
        if (double.IsNaN(threshold))
        {
            throw new ArgumentException("The distance threshold is NaN.", nameof(threshold));
        }

        var n = linkage.PointCount;
        if (n <= 1)
        {
            return n == 0 ? [] : [1];
        }

        var merges = linkage.Merges;
        var maxHeight = MaxHeightPerSubtree(merges, n);
        var labels = new int[n];
        var clusterCount = 0;
        var leader = -1;
        foreach (var (node, entering) in DepthFirst(merges, n))
        {
            if (entering)
            {
                if (leader == -1 && maxHeight[node] <= threshold)
                {
                    leader = node;
                    clusterCount++;
                }

                continue;
            }

            foreach (var child in (ReadOnlySpan<int>)[merges[node].Left, merges[node].Right])
            {
                if (child < n)
                {
                    if (leader == -1)
                    {
                        clusterCount++;
                    }

                    labels[child] = clusterCount;
                }
            }

            if (leader == node)
            {
                leader = -1;
            }
        }

        return labels;
    }

    /// <summary>For merge i, the largest height in its subtree (scipy's monotonic criterion for 'distance').</summary>
    private static double[] MaxHeightPerSubtree(IReadOnlyList<Merge> merges, int n)
    {
        var result = new double[merges.Count];
        for (var i = 0; i < merges.Count; i++)
        {
            var (left, right, height, _) = merges[i];
            var max = height;
            if (left >= n)
            {
                max = Math.Max(max, result[left - n]);
            }

            if (right >= n)
            {
                max = Math.Max(max, result[right - n]);
            }

            result[i] = max;
        }

        return result;
    }

    /// <summary>
    /// Merge indices of a walk from the root, each reported on entry and again after both internal children are done.
    /// </summary>
    private static IEnumerable<(int Merge, bool Entering)> DepthFirst(IReadOnlyList<Merge> merges, int n)
    {
        var stack = new Stack<(int Merge, bool ChildrenPushed)>();
        stack.Push((merges.Count - 1, false));
        while (stack.Count > 0)
        {
            var (node, childrenPushed) = stack.Pop();
            if (childrenPushed)
            {
                yield return (node, false);
                continue;
            }

            yield return (node, true);
            stack.Push((node, true));
            var (left, right, _, _) = merges[node];
            if (right >= n)
            {
                stack.Push((right - n, false));
            }

            if (left >= n)
            {
                stack.Push((left - n, false));
            }
        }
    }
}
