namespace Disambig.Clustering.Tests;

/// <summary>
/// Independent O(n^3) Ward reference for the tests: a full matrix of plain (not squared) Euclidean distances,
/// the generic "merge the globally closest pair" loop, and the Lance-Williams Ward update in scipy's square-root form.
/// Pairs are scanned in (lower id, higher id) order of the live clusters' slots with a strict comparison, new clusters
/// get id n + k. Because Ward heights never decrease, merges come out in height order.
/// </summary>
internal static class NaiveWardReference
{
    public static Merge[] Link(double[][] points)
    {
        var n = points.Length;
        var distance = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var sum = 0.0;
                for (var k = 0; k < points[i].Length; k++)
                {
                    sum += (points[i][k] - points[j][k]) * (points[i][k] - points[j][k]);
                }

                distance[i, j] = Math.Sqrt(sum);
            }
        }

        var id = Enumerable.Range(0, n).ToArray();
        var size = Enumerable.Repeat(1, n).ToArray();
        var alive = Enumerable.Repeat(true, n).ToArray();
        var merges = new Merge[Math.Max(n - 1, 0)];
        for (var step = 0; step < n - 1; step++)
        {
            int bestA = -1, bestB = -1;
            var best = double.PositiveInfinity;
            for (var a = 0; a < n; a++)
            {
                for (var b = a + 1; b < n; b++)
                {
                    if (alive[a] && alive[b] && distance[a, b] < best)
                    {
                        (bestA, bestB, best) = (a, b, distance[a, b]);
                    }
                }
            }

            merges[step] = new Merge(Math.Min(id[bestA], id[bestB]), Math.Max(id[bestA], id[bestB]), best, size[bestA] + size[bestB]);
            for (var c = 0; c < n; c++)
            {
                if (!alive[c] || c == bestA || c == bestB)
                {
                    continue;
                }

                double na = size[bestA], nb = size[bestB], nc = size[c];
                var updated = Math.Sqrt(Math.Max(0,
                    ((nc + na) * distance[bestA, c] * distance[bestA, c]
                     + (nc + nb) * distance[bestB, c] * distance[bestB, c]
                     - nc * best * best) / (na + nb + nc)));
                distance[bestA, c] = distance[c, bestA] = updated;
            }

            alive[bestB] = false;
            size[bestA] += size[bestB];
            id[bestA] = n + step;
        }

        return merges;
    }
}
