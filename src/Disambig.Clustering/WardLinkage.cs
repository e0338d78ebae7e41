using System.Numerics;

namespace Disambig.Clustering;

/// <summary>
/// Ward agglomerative clustering by the nearest-neighbour-chain algorithm (Müllner 2011, "Modern hierarchical,
/// agglomerative clustering algorithms", NN-chain-linkage): O(n^2) time and a packed n(n-1)/2 triangle (doubles, or
/// float32 above <see cref="MaxDoublePoints"/> points).
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
    /// <summary>Largest n clustered with a triangle of doubles by <see cref="Compute"/>; above it, floats halve the memory.</summary>
    public const int MaxDoublePoints = 4_096;

    /// <summary>Bytes of the distance triangle of <paramref name="n"/> points as <see cref="Compute"/> stores it.</summary>
    public static long TriangleBytes(int n) => (long)n * (n - 1) / 2 * (n <= MaxDoublePoints ? sizeof(double) : sizeof(float));

    /// <summary>
    /// Clusters <paramref name="points"/> and returns the full merge tree. Up to <see cref="MaxDoublePoints"/> points
    /// the triangle holds doubles (scipy's results to the last bits); above, float32 (half the memory: 50 000 points
    /// take 5 GB instead of 10), whose rounding moves heights by about 1e-7 relative.
    /// </summary>
    /// <param name="points">[n, d] vectors; n may be 0 or 1 (no merges).</param>
    /// <param name="cancellationToken">Checked between merges and while distances are computed.</param>
    public static Linkage Compute(VectorSet points, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(points);
        return points.Count <= MaxDoublePoints ? Compute<double>(points, null, cancellationToken) : Compute<float>(points, null, cancellationToken);
    }

    /// <summary>
    /// Ward over clusters given by their centroids and sizes, as if each had been built by Ward first: the tree of the
    /// <paramref name="centroids"/>, merge heights on the scale of the points' Ward heights. Float32 triangle.
    /// </summary>
    /// <param name="centroids">[k, d] centroids.</param>
    /// <param name="sizes">Points in each centroid's cluster (at least 1).</param>
    /// <param name="cancellationToken">Checked between merges.</param>
    public static Linkage ComputeWeighted(VectorSet centroids, IReadOnlyList<int> sizes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(centroids);
        if (sizes.Count != centroids.Count || sizes.Any(size => size < 1))
            throw new ArgumentException("One size of at least 1 per centroid is needed.", nameof(sizes));
        return Compute<float>(centroids, [.. sizes], cancellationToken);
    }

    /// <summary>Clusters with the triangle stored in <typeparamref name="T"/> (double for scipy parity, float for memory).</summary>
    public static Linkage Compute<T>(VectorSet points, int[]? sizes, CancellationToken cancellationToken)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var n = points.Count;
        if (n < 2)
        {
            return new Linkage(n, []);
        }

        var distances = CondensedDistances.SquaredEuclidean<T>(points, sizes, cancellationToken);
        var slotMerges = new NearestNeighbourChain<T>(n, distances, sizes ?? CreateFilled(n, 1)).Run(cancellationToken);
        return new Linkage(n, SlotMerges.ToScipyOrder(slotMerges, n));
    }

    private static int[] CreateFilled(int length, int value)
    {
        var array = new int[length];
        Array.Fill(array, value);
        return array;
    }

    /// <summary>
    /// The chain walk over the packed triangle; a merge of slots x &lt; y leaves the result in slot y and kills slot x.
    /// Entries of dead slots in live rows hold +infinity, so a row scan needs no liveness test; the entries of column x
    /// (one per row above x) are visited only for the slots still alive, found in an ascending list.
    /// </summary>
    private sealed class NearestNeighbourChain<T>(int n, T[] distances, int[] sizes)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // Ward's weights (points behind each slot) and the units (rows of the input) it holds, which the tree counts.
        private readonly int[] _size = sizes;
        private readonly int[] _units = CreateFilled(n, 1);
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
                T dxy;
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

                var heightSquared = Math.Max(Math.Max(double.CreateTruncating(dxy), 0), Math.Max(_heightSquared[x], _heightSquared[y]));
                merges[k] = new SlotMerge(x, y, heightSquared, _units[x] + _units[y]);
                Merge(x, y, dxy);
                _heightSquared[y] = heightSquared;
            }

            return merges;
        }

        /// <summary>
        /// Nearest live cluster to <paramref name="x"/>; visiting slots in ascending order with a strict comparison
        /// seeded by the previous chain element reproduces scipy's choice among equal distances.
        /// </summary>
        private (int Nearest, T Distance) NearestNeighbour(int x, int previous)
        {
            var best = previous;
            var bestDistance = previous >= 0 ? distances[CondensedDistances.Index(x, previous)] : T.PositiveInfinity;

            // Slots below x: row x, contiguous, so whole SIMD vectors are skipped unless one lane beats the best.
            var row = distances.AsSpan((int)CondensedDistances.RowStart(x), x);
            var width = Vector<T>.Count;
            var start = 0;
            for (; start <= row.Length - width; start += width)
            {
                if (Vector.LessThanAny(new Vector<T>(row[start..]), new Vector<T>(bestDistance)))
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

        private static void ScanRow(ReadOnlySpan<T> row, int from, int to, ref int best, ref T bestDistance)
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
        private void Merge(int x, int y, T dxy)
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

            distances[rowY + x] = T.PositiveInfinity;
            _size[y] += _size[x];
            _size[x] = 0;
            _units[y] += _units[x];
            _units[x] = 0;
            _live.Remove(x);
        }

        private void Update(int i, long ix, long iy, int x, int y, T dxy)
        {
            var ni = T.CreateTruncating(_size[i]);
            var nx = T.CreateTruncating(_size[x]);
            var ny = T.CreateTruncating(_size[y]);
            var updated = ((ni + nx) * distances[ix] + (ni + ny) * distances[iy] - ni * dxy) / (ni + nx + ny);
            distances[iy] = T.Max(updated, T.Zero);
            distances[ix] = T.PositiveInfinity;
        }
    }
}
