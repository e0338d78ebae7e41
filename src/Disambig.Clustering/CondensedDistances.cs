using System.Numerics;
using System.Runtime.InteropServices;

namespace Disambig.Clustering;

/// <summary>
/// The packed lower triangle of the matrix of pairwise squared Euclidean distances: row i holds the pairs (i, j) for
/// j &lt; i, contiguously, so pair (i, j) sits at <c>i*(i-1)/2 + j</c>.
/// </summary>
internal static class CondensedDistances
{
    // Tiles keep a block of rows and a chunk of columns in L2 while all pairs between them are computed,
    // so each vector is fetched from memory about n / RowBlock times instead of n times.
    private const int RowBlock = 32;
    private const int ColumnChunk = 64;

    /// <summary>Largest n whose packed triangle fits in one .NET array.</summary>
    public static readonly int MaxPoints = (int)((1 + Math.Sqrt(1 + 8.0 * Array.MaxLength)) / 2);

    /// <summary>Start of row i (its pair with point 0).</summary>
    public static long RowStart(int i) => (long)i * (i - 1) / 2;

    /// <summary>Position of the pair of two different points, in either order.</summary>
    public static long Index(int i, int j) => i > j ? RowStart(i) + j : RowStart(j) + i;

    /// <summary>Squared Euclidean distances of all pairs, in doubles; rows processed in parallel tiles.</summary>
    public static double[] SquaredEuclidean(VectorSet points, CancellationToken cancellationToken) =>
        SquaredEuclidean<double>(points, null, cancellationToken);

    /// <summary>
    /// Squared Euclidean distances of all pairs stored as <typeparamref name="T"/>; with <paramref name="sizes"/>, Ward's
    /// starting distances of clusters of those sizes around the points: 2 n_i n_j / (n_i + n_j) ||x_i - x_j||^2.
    /// </summary>
    public static T[] SquaredEuclidean<T>(VectorSet points, int[]? sizes, CancellationToken cancellationToken)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var n = points.Count;
        if (n > MaxPoints)
        {
            throw new ArgumentException($"At most {MaxPoints} points can be clustered at once, got {n}.", nameof(points));
        }

        var distances = new T[(long)n * (n - 1) / 2];
        var blocks = (n + RowBlock - 1) / RowBlock;
        var options = ParallelLoops.OnCurrentScheduler(cancellationToken);
        Parallel.For(0, blocks, options, block => FillRowBlock(points, sizes, distances, block * RowBlock, Math.Min(n, (block + 1) * RowBlock)));
        return distances;
    }

    private static void FillRowBlock<T>(VectorSet points, int[]? sizes, T[] distances, int rowStart, int rowEnd)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (var columnStart = 0; columnStart < rowEnd - 1; columnStart += ColumnChunk)
        {
            var columnEnd = columnStart + ColumnChunk;
            for (var i = Math.Max(rowStart, columnStart + 1); i < rowEnd; i++)
            {
                var row = points.Row(i);
                var offset = RowStart(i) + columnStart;
                for (var j = columnStart; j < Math.Min(columnEnd, i); j++)
                {
                    var squared = SquaredDistance(row, points.Row(j));
                    if (sizes is not null) squared *= 2.0 * sizes[i] * sizes[j] / (sizes[i] + sizes[j]);
                    distances[offset++] = T.CreateTruncating(squared);
                }
            }
        }
    }

    /// <summary>
    /// Sum of squared differences: four independent SIMD accumulators hide the FMA latency, and unchecked loads
    /// (after the one length check) keep bounds checks out of the loop that computes every pair.
    /// </summary>
    /// <exception cref="ArgumentException">The vectors differ in length.</exception>
    public static double SquaredDistance(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException($"Vectors of lengths {a.Length} and {b.Length} have no distance.", nameof(b));
        }

        ref readonly var first = ref MemoryMarshal.GetReference(a);
        ref readonly var second = ref MemoryMarshal.GetReference(b);
        var width = (nuint)Vector<double>.Count;
        var length = (nuint)a.Length;
        var acc0 = Vector<double>.Zero;
        var acc1 = Vector<double>.Zero;
        var acc2 = Vector<double>.Zero;
        var acc3 = Vector<double>.Zero;
        nuint k = 0;
        for (; k + 4 * width <= length; k += 4 * width)
        {
            var d0 = Vector.LoadUnsafe(in first, k) - Vector.LoadUnsafe(in second, k);
            var d1 = Vector.LoadUnsafe(in first, k + width) - Vector.LoadUnsafe(in second, k + width);
            var d2 = Vector.LoadUnsafe(in first, k + 2 * width) - Vector.LoadUnsafe(in second, k + 2 * width);
            var d3 = Vector.LoadUnsafe(in first, k + 3 * width) - Vector.LoadUnsafe(in second, k + 3 * width);
            acc0 = Vector.FusedMultiplyAdd(d0, d0, acc0);
            acc1 = Vector.FusedMultiplyAdd(d1, d1, acc1);
            acc2 = Vector.FusedMultiplyAdd(d2, d2, acc2);
            acc3 = Vector.FusedMultiplyAdd(d3, d3, acc3);
        }

        for (; k + width <= length; k += width)
        {
            var d = Vector.LoadUnsafe(in first, k) - Vector.LoadUnsafe(in second, k);
            acc0 = Vector.FusedMultiplyAdd(d, d, acc0);
        }

        var sum = Vector.Sum((acc0 + acc1) + (acc2 + acc3));
        for (var j = (int)k; j < a.Length; j++)
        {
            var d = a[j] - b[j];
            sum += d * d;
        }

        return sum;
    }
}
