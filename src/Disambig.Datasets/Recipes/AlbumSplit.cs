namespace Disambig.Datasets.Recipes;

/// <summary>Deals an artist's albums into splits whose track counts approach given shares; an album never spans two splits.</summary>
public static class AlbumSplit
{
    /// <summary>
    /// Albums in a seeded order: the first goes to split 0, the second to split 1, the third to split 2 when its share
    /// is positive, then each to the split furthest below its share of the artist's tracks (lowest index on ties).
    /// </summary>
    /// <param name="albums">The artist's albums (key: album id).</param>
    /// <param name="fractions">Share of each split, summing to at most 1.</param>
    /// <returns>The album ids of each split.</returns>
    public static IReadOnlyList<HashSet<string>> Deal<T>(IReadOnlyList<IGrouping<string, T>> albums, IReadOnlyList<double> fractions, int seed)
    {
        var splits = fractions.Select(_ => new HashSet<string>(StringComparer.Ordinal)).ToArray();
        var assigned = new int[fractions.Count];
        var total = albums.Sum(a => a.Count());
        var order = StableDraw.Order(albums, a => a.Key, seed, "album");
        for (int i = 0; i < order.Count; i++)
        {
            var album = order[i];
            int target = i < fractions.Count && fractions[i] > 0
                ? i
                : Enumerable.Range(0, fractions.Count).MaxBy(s => fractions[s] * total - assigned[s]);
            splits[target].Add(album.Key);
            assigned[target] += album.Count();
        }
        return splits;
    }
}
