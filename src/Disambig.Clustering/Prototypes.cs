namespace Disambig.Clustering;

/// <summary>
/// k prototypes of a set of points: k-means++ seeding (Arthur and Vassilvitskii 2007) then a few Lloyd iterations. Each
/// point is assigned its nearest prototype; prototypes left without points are dropped. Deterministic for a seed.
/// </summary>
/// <param name="Centroids">[k', d] prototype centroids (k' &lt;= k: empty ones dropped).</param>
/// <param name="Sizes">Points assigned to each prototype (each at least 1).</param>
/// <param name="Assignment">The prototype of each point.</param>
public sealed record Prototypes(VectorSet Centroids, int[] Sizes, int[] Assignment)
{
    /// <param name="points">[n, d] points.</param>
    /// <param name="k">Prototypes wanted: 1 to n.</param>
    /// <param name="iterations">Lloyd iterations after seeding (0: the seeds themselves, points assigned to the nearest).</param>
    /// <param name="seed">Seed of the k-means++ draws.</param>
    /// <param name="cancellationToken">Checked between passes over the points.</param>
    public static Prototypes Fit(VectorSet points, int k, int iterations, ulong seed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(k, points.Count);
        var (n, d) = (points.Count, points.Dimension);
        var centroids = Seed(points, k, new Random(unchecked((int)seed ^ (int)(seed >> 32))), cancellationToken);
        var assignment = new int[n];
        for (var iteration = 0; ; iteration++)
        {
            Assign(points, centroids, k, assignment, cancellationToken);
            if (iteration == iterations) break;
            centroids = Means(points, assignment, k, d, centroids);
        }
        return Compact(centroids, assignment, k, d);
    }

    /// <summary>k-means++: the first centre uniformly, each next one with probability proportional to the squared distance to the nearest centre so far.</summary>
    private static double[] Seed(VectorSet points, int k, Random random, CancellationToken cancellationToken)
    {
        var (n, d) = (points.Count, points.Dimension);
        var centroids = new double[k * d];
        var nearest = new double[n];
        Array.Fill(nearest, double.PositiveInfinity);
        var chosen = random.Next(n);
        for (var c = 0; c < k; c++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            points.Row(chosen).CopyTo(centroids.AsSpan(c * d, d));
            var centre = centroids.AsSpan(c * d, d).ToArray();
            Parallel.For(0, n, ParallelLoops.OnCurrentScheduler(cancellationToken), i => nearest[i] = Math.Min(nearest[i], CondensedDistances.SquaredDistance(points.Row(i), centre)));
            var total = nearest.Sum();
            if (c == k - 1) break;
            if (total <= 0)
            {
                chosen = random.Next(n);
                continue;
            }
            var target = random.NextDouble() * total;
            chosen = n - 1;
            for (var i = 0; i < n; i++)
            {
                target -= nearest[i];
                if (target < 0)
                {
                    chosen = i;
                    break;
                }
            }
        }
        return centroids;
    }

    private static void Assign(VectorSet points, double[] centroids, int k, int[] assignment, CancellationToken cancellationToken)
    {
        var d = points.Dimension;
        var options = ParallelLoops.OnCurrentScheduler(cancellationToken);
        Parallel.For(0, points.Count, options, i =>
        {
            var row = points.Row(i);
            var (best, bestDistance) = (0, double.PositiveInfinity);
            for (var c = 0; c < k; c++)
            {
                var distance = CondensedDistances.SquaredDistance(row, centroids.AsSpan(c * d, d));
                if (distance < bestDistance) (best, bestDistance) = (c, distance);
            }
            assignment[i] = best;
        });
    }

    /// <summary>The mean of each prototype's points; a prototype without points keeps its place.</summary>
    private static double[] Means(VectorSet points, int[] assignment, int k, int d, double[] previous)
    {
        var sums = new double[k * d];
        var counts = new int[k];
        for (var i = 0; i < points.Count; i++)
        {
            var c = assignment[i];
            counts[c]++;
            var row = points.Row(i);
            var sum = sums.AsSpan(c * d, d);
            for (var j = 0; j < d; j++) sum[j] += row[j];
        }
        for (var c = 0; c < k; c++)
        {
            var sum = sums.AsSpan(c * d, d);
            if (counts[c] == 0) previous.AsSpan(c * d, d).CopyTo(sum);
            else for (var j = 0; j < d; j++) sum[j] /= counts[c];
        }
        return sums;
    }

    /// <summary>Drops prototypes without points, renumbering the assignment.</summary>
    private static Prototypes Compact(double[] centroids, int[] assignment, int k, int d)
    {
        var sizes = new int[k];
        foreach (var c in assignment) sizes[c]++;
        var renumbered = new int[k];
        var kept = new List<int>(k);
        for (var c = 0; c < k; c++)
        {
            renumbered[c] = kept.Count;
            if (sizes[c] > 0) kept.Add(c);
        }
        var values = new double[kept.Count * d];
        for (var p = 0; p < kept.Count; p++) centroids.AsSpan(kept[p] * d, d).CopyTo(values.AsSpan(p * d, d));
        return new Prototypes(VectorSet.FromRowMajor(values, kept.Count, d), [.. kept.Select(c => sizes[c])],
            [.. assignment.Select(c => renumbered[c])]);
    }
}
