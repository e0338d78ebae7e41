using System.Numerics;

namespace Disambig.Clustering;

/// <summary>
/// Ward agglomerative clustering by the nearest-neighbour-chain algorithm (Müllner 2011, "Modern hierarchical,
/// agglomerative clustering algorithms", NN-chain-linkage): O(n^2) time and a packed n(n-1)/2 triangle of doubles.
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

    /// <summary>
    /// The chain walk over the packed triangle; a merge of slots x &lt; y leaves the result in slot y and kills slot x.
    /// Entries of dead slots in live rows hold +infinity, so a row scan needs no liveness test; the entries of column x
    /// (one per row above x) are visited only for the slots still alive, found in an ascending list.
    /// </summary>
    private sealed class NearestNeighbourChain(int n, double[] distances)
    {
        private readonly int[] _size = CreateFilled(n, 1);
        private readonly double[] _heightSquared = new double[n];
        private readonly int[] _chain = new int[n];
        private readonly LiveSlots _live = new(n);

        public SlotMerge[] Run(CancellationToken cancellationToken)
        {
            var merges = new SlotMerge[n - 1];
            var chainLength = 0;
            for (var k = 0; k < n - 1; k++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (chainLength == 0)
                {
                    _chain[chainLength++] = _live[0];
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
        /// Nearest live cluster to <paramref name="x"/>; visiting slots in ascending order with a strict comparison
        /// seeded by the previous chain element reproduces scipy's choice among equal distances.
        /// </summary>
        private (int Nearest, double Distance) NearestNeighbour(int x, int previous)
        {
            var best = previous;
            var bestDistance = previous >= 0 ? distances[CondensedDistances.Index(x, previous)] : double.PositiveInfinity;

            // Slots below x: row x, contiguous, so whole SIMD vectors are skipped unless one lane beats the best.
            var row = distances.AsSpan((int)CondensedDistances.RowStart(x), x);
            var width = Vector<double>.Count;
            var start = 0;
            for (; start <= row.Length - width; start += width)
            {
                if (Vector.LessThanAny(new Vector<double>(row[start..]), new Vector<double>(bestDistance)))
                {
                    ScanRow(row, start, start + width, ref best, ref bestDistance);
                }
            }

            ScanRow(row, start, row.Length, ref best, ref bestDistance);

            // Live slots above x: one entry in each of their rows.
            for (var p = _live.IndexOf(x) + 1; p < _live.Count; p++)
            {
                var i = _live[p];
                var distance = distances[CondensedDistances.RowStart(i) + x];
                if (distance < bestDistance)
                {
                    bestDistance = distance;
                    best = i;
                }
            }

            return (best, bestDistance);
        }

        private static void ScanRow(ReadOnlySpan<double> row, int from, int to, ref int best, ref double bestDistance)
        {
            for (var k = from; k < to; k++)
            {
                if (row[k] < bestDistance)
                {
                    bestDistance = row[k];
                    best = k;
                }
            }
        }

        /// <summary>
        /// Lance-Williams update for Ward on squared distances over the live slots i, whose pairs with x and y lie in
        /// rows x and y (i &lt; x), rows i and y (x &lt; i &lt; y) or both in row i (i &gt; y). Slot x dies: its
        /// entries in live rows become +infinity.
        /// </summary>
        private void Merge(int x, int y, double dxy)
        {
            var rowX = CondensedDistances.RowStart(x);
            var rowY = CondensedDistances.RowStart(y);
            var p = 0;
            for (; _live[p] < x; p++)
            {
                Update(_live[p], rowX + _live[p], rowY + _live[p], x, y, dxy);
            }

            for (p++; _live[p] < y; p++)
            {
                Update(_live[p], CondensedDistances.RowStart(_live[p]) + x, rowY + _live[p], x, y, dxy);
            }

            for (p++; p < _live.Count; p++)
            {
                var rowI = CondensedDistances.RowStart(_live[p]);
                Update(_live[p], rowI + x, rowI + y, x, y, dxy);
            }

            distances[rowY + x] = double.PositiveInfinity;
            _size[y] += _size[x];
            _size[x] = 0;
            _live.Remove(x);
        }

        private void Update(int i, long ix, long iy, int x, int y, double dxy)
        {
            var ni = _size[i];
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
