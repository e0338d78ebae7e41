namespace Disambig.Embedding.Sampling;

/// <summary>Uniform draws of distinct indices without touching the other indices (Floyd's algorithm, O(k)).</summary>
internal static class DistinctDraw
{
    /// <summary>k distinct values of [0, m), uniformly among all k-subsets, in a random order.</summary>
    public static int[] Choose(int m, int k, Random random)
    {
        if (k > m) throw new ArgumentOutOfRangeException(nameof(k), k, $"Cannot choose {k} distinct values out of {m}.");
        var chosen = new HashSet<int>(k);
        var order = new int[k];
        int count = 0;
        for (int j = m - k; j < m; j++)
        {
            int t = random.Next(j + 1);
            int value = chosen.Contains(t) ? j : t;
            chosen.Add(value);
            order[count++] = value;
        }
        random.Shuffle(order);
        return order;
    }
}
