namespace Disambig.Clustering;

/// <summary>
/// A Ward tree over "units": the points themselves, or, for more points than <c>maxExactPoints</c>, k-means++
/// prototypes (Ward started from their centroids and sizes, <see cref="WardLinkage.ComputeWeighted"/>). Cutting the
/// tree labels units; each point takes its unit's label.
/// </summary>
/// <param name="Linkage">Ward tree over the units.</param>
/// <param name="UnitOfPoint">Unit of each point (the identity when clustered exactly).</param>
/// <param name="Exact">True when the units are the points.</param>
public sealed record UnitLinkage(Linkage Linkage, int[] UnitOfPoint, bool Exact)
{
    /// <summary>Lloyd iterations that refine the prototypes after seeding.</summary>
    public const int PrototypeIterations = 5;

    /// <summary>Labels of the points from labels of the units.</summary>
    public int[] PointLabels(int[] unitLabels) => [.. UnitOfPoint.Select(unit => unitLabels[unit])];
}

/// <summary>Ward within a memory ceiling: exact up to a number of points, Ward over prototypes above it.</summary>
public static class ScalableWard
{
    /// <summary>Most prototypes (k-means++ costs n x k x d per pass: 50 000 tracks x 2 048 x 256 is seconds per pass).</summary>
    public const int MaxPrototypes = 2_048;

    /// <summary>Bytes a silo lets one exact clustering's distance triangle take by default: an eighth of the memory .NET may use.</summary>
    public static long DefaultTriangleBudget => Math.Max(64L << 20, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 8);

    /// <summary>The most points whose exact triangle fits in <paramref name="budgetBytes"/>.</summary>
    public static int MaxExactPoints(long budgetBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(budgetBytes, 1);
        // Doubles up to WardLinkage.MaxDoublePoints, floats above: the bytes fall at the switch, so each range is searched apart.
        var inDoubles = Largest(2, WardLinkage.MaxDoublePoints, budgetBytes);
        var inFloats = Largest(WardLinkage.MaxDoublePoints + 1, CondensedDistances.MaxPoints, budgetBytes);
        return Math.Max(2, Math.Max(inDoubles, inFloats));
    }

    private static int Largest(int low, int high, long budgetBytes)
    {
        if (WardLinkage.TriangleBytes(low) > budgetBytes) return 0;
        while (low < high)
        {
            var middle = low + (high - low + 1) / 2;
            if (WardLinkage.TriangleBytes(middle) <= budgetBytes) low = middle;
            else high = middle - 1;
        }
        return low;
    }

    /// <param name="points">[n, d] points.</param>
    /// <param name="maxExactPoints">Most points clustered exactly; above, Ward runs over this many prototypes (at most <see cref="MaxPrototypes"/>).</param>
    /// <param name="seed">Seed of the prototypes' k-means++ draws.</param>
    /// <param name="cancellationToken">Stops a long clustering.</param>
    public static UnitLinkage Compute(VectorSet points, int maxExactPoints, ulong seed = 0, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxExactPoints, 2);
        if (points.Count <= maxExactPoints)
            return new UnitLinkage(WardLinkage.Compute(points, cancellationToken), [.. Enumerable.Range(0, points.Count)], Exact: true);
        var prototypes = Prototypes.Fit(points, Math.Min(maxExactPoints, MaxPrototypes), UnitLinkage.PrototypeIterations, seed, cancellationToken);
        return new UnitLinkage(WardLinkage.ComputeWeighted(prototypes.Centroids, prototypes.Sizes, cancellationToken), prototypes.Assignment, Exact: false);
    }
}
