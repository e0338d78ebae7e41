using System.Numerics;

namespace Disambig.Clustering;

/// <summary>
/// Ward agglomerative clustering by the nearest-neighbour-chain algorithm (Müllner 2011, "Modern hierarchical,
/// agglomerative clustering algorithms", NN-chain-linkage): O(n^2) time and a condensed n(n-1)/2 matrix of doubles.
/// </summary>
/// <remarks>
/// The result equals scipy's <c>linkage(X, method='ward')</c>: heights are sqrt(2|A||B|/(|A|+|B|)) * ||cA - cB||,
/// rows sorted by height (stable), cluster ids as scipy numbers them. Ties are broken as scipy's <c>nn_chain</c> does:
/// a chain starts at the lowest-index live cluster, a nearest-neighbour search keeps the previous chain element when
/// it is among the nearest and otherwise takes the lowest index, and a merge keeps the higher slot. The matrix holds
/// squared distances updated with the Lance-Williams formula for Ward (scipy updates the square roots, so the last
/// bits of heights may differ). Two guards against rounding, both no-ops in exact arithmetic: an updated squared
/// distance below 0 is clamped to 0, and a merge is never recorded lower than the merges it contains, so the tree
/// stays monotone and the sort by height keeps every child before its parent.
/// </remarks>
public static class WardLinkage
{
    /// <summary>Clusters <paramref name="points"/> and returns the full merge tree.</summary>
    /// <param name="points">[n, d] vectors; n may be 0 or 1 (no merges).</param>
    /// <param name="cancellationToken">Checked between merges and while distances are computed.</param>
    public static Linkage Compute(VectorSet points, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(points);
        var n = points.Count;
        if (n < 2)
        {
            return new Linkage(n, []);
        }

        var distances = CondensedDistances.SquaredEuclidean(points, cancellationToken);
        var slotMerges = new NearestNeighbourChain(n, distances).Run(cancellationToken);
        return new Linkage(n, SlotMerges.ToScipyOrder(slotMerges, n));
    }

    /// <summary>The chain walk over the condensed matrix; a merge of slots x &lt; y leaves the result in slot y.</summary>
    private sealed class NearestNeighbourChain(int n, double[] distances)
    {
        private readonly int[] _size = CreateFilled(n, 1);
        private readonly double[] _heightSquared = new double[n];
        private readonly int[] _chain = new int[n];

        public SlotMerge[] Run(CancellationToken cancellationToken)
        {
            var merges = new SlotMerge[n - 1];
            var chainLength = 0;
            var lowestLive = 0;
            for (var k = 0; k < n - 1; k++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (chainLength == 0)
                {
                    while (_size[lowestLive] == 0)
                    {
                        lowestLive++;
                    }

                    _chain[chainLength++] = lowestLive;
                }

                int x, y;
                double dxy;
                while (true)
                {
                    x = _chain[chainLength - 1];
                    var previous = chainLength > 1 ? _chain[chainLength - 2] : -1;
                    (y, dxy) = NearestNeighbour(x, previous);
                    if (y == previous)
                    {
                        break;
                    }

                    _chain[chainLength++] = y;
                }

                chainLength -= 2;
                if (x > y)
                {
                    (x, y) = (y, x);
                }

                var heightSquared = Math.Max(Math.Max(dxy, 0), Math.Max(_heightSquared[x], _heightSquared[y]));
                merges[k] = new SlotMerge(x, y, heightSquared, _size[x] + _size[y]);
                Merge(x, y, dxy);
                _heightSquared[y] = heightSquared;
            }

            return merges;
        }

        /// <summary>
        /// Nearest live cluster to <paramref name="x"/>; scanning ascending with a strict comparison seeded by the
        /// previous chain element reproduces scipy's choice among equal distances.
        /// Dead clusters need no test: their entries hold +infinity.
        /// </summary>
        private (int Nearest, double Distance) NearestNeighbour(int x, int previous)
        {
            var best = previous;
            var bestDistance = previous >= 0 ? distances[CondensedDistances.Index(n, Math.Min(x, previous), Math.Max(x, previous))] : double.PositiveInfinity;

            // Column part (i < x): entries of rows above x, one per row, step shrinking by one each row.
            var index = (long)x - 1;
            for (var i = 0; i < x; i++)
            {
                if (distances[index] < bestDistance)
                {
                    bestDistance = distances[index];
                    best = i;
                }

                index += n - i - 2;
            }

            // Row part (i > x): contiguous, so whole SIMD vectors are skipped unless one lane beats the best.
            var row = x < n - 1 ? distances.AsSpan((int)CondensedDistances.Index(n, x, x + 1), n - 1 - x) : [];
            var width = Vector<double>.Count;
            var start = 0;
            for (; start <= row.Length - width; start += width)
            {
                if (Vector.LessThanAny(new Vector<double>(row[start..]), new Vector<double>(bestDistance)))
                {
                    ScanRow(row, start, start + width, x, ref best, ref bestDistance);
                }
            }

            ScanRow(row, start, row.Length, x, ref best, ref bestDistance);
            return (best, bestDistance);
        }

        private static void ScanRow(ReadOnlySpan<double> row, int from, int to, int x, ref int best, ref double bestDistance)
        {
            for (var k = from; k < to; k++)
            {
                if (row[k] < bestDistance)
                {
                    bestDistance = row[k];
                    best = x + 1 + k;
                }
            }
        }

        /// <summary>Lance-Williams update for Ward on squared distances; slot x dies (its entries become +infinity).</summary>
        /// <remarks>
        /// Entries (i, x) and (i, y) are walked in three runs (i &lt; x, x &lt; i &lt; y, i &gt; y) with incremental
        /// condensed indices: down a column the step from row i to row i + 1 is n - i - 2, along a row it is 1.
        /// A run's start index is computed even when the run is empty; it is then never used.
        /// </remarks>
        private void Merge(int x, int y, double dxy)
        {
            var ix = (long)x - 1;
            var iy = (long)y - 1;
            for (var i = 0; i < x; i++)
            {
                Update(i, ix, iy, x, y, dxy);
                ix += n - i - 2;
                iy += n - i - 2;
            }

            ix = CondensedDistances.Index(n, x, x + 1);
            iy = CondensedDistances.Index(n, x + 1, y);
            for (var i = x + 1; i < y; i++)
            {
                Update(i, ix, iy, x, y, dxy);
                ix++;
                iy += n - i - 2;
            }

            ix = CondensedDistances.Index(n, x, y) + 1;
            iy = CondensedDistances.Index(n, y, y + 1);
            for (var i = y + 1; i < n; i++)
            {
                Update(i, ix, iy, x, y, dxy);
                ix++;
                iy++;
            }

            distances[CondensedDistances.Index(n, x, y)] = double.PositiveInfinity;
            _size[y] += _size[x];
            _size[x] = 0;
        }

        private void Update(int i, long ix, long iy, int x, int y, double dxy)
        {
            var ni = _size[i];
            if (ni == 0)
            {
                return;
            }

            var nx = _size[x];
            var ny = _size[y];
            var updated = ((ni + nx) * distances[ix] + (ni + ny) * distances[iy] - ni * dxy) / (ni + nx + ny);
            distances[iy] = Math.Max(updated, 0);
            distances[ix] = double.PositiveInfinity;
        }

        private static int[] CreateFilled(int length, int value)
        {
            var array = new int[length];
            Array.Fill(array, value);
            return array;
        }
    }
}
