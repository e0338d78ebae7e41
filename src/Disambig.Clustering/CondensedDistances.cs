using System.Numerics;

namespace Disambig.Clustering;

/// <summary>
/// The condensed (upper triangle, row by row, like scipy's <c>pdist</c>) matrix of pairwise squared
/// Euclidean distances. Entry (i, j), i &lt; j, sits at <c>n*i - i*(i+1)/2 + (j - i - 1)</c>.
/// </summary>
internal static class CondensedDistances
{
    // Tiles keep a block of rows and a chunk of columns in L2 while all pairs between them are computed,
    // so each vector is fetched from memory about n / RowBlock times instead of n times.
    private const int RowBlock = 32;
    private const int ColumnChunk = 64;

    /// <summary>Largest n whose condensed matrix fits in one .NET array.</summary>
    public static readonly int MaxPoints = (int)((1 + Math.Sqrt(1 + 8.0 * Array.MaxLength)) / 2);

    public static long Index(int n, int i, int j) => (long)n * i - (long)i * (i + 1) / 2 + (j - i - 1);

    /// <summary>Squared Euclidean distances of all pairs; rows processed in parallel tiles.</summary>
    public static double[] SquaredEuclidean(VectorSet points, CancellationToken cancellationToken)
    {
        var n = points.Count;
        if (n > MaxPoints)
        {
            throw new ArgumentException($"At most {MaxPoints} points can be clustered at once, got {n}.", nameof(points));
        }

        var distances = new double[(long)n * (n - 1) / 2];
        var blocks = (n + RowBlock - 1) / RowBlock;
        var options = new ParallelOptions { CancellationToken = cancellationToken };
        Parallel.For(0, blocks, options, block => FillRowBlock(points, distances, block * RowBlock, Math.Min(n, (block + 1) * RowBlock)));
        return distances;
    }

    private static void FillRowBlock(VectorSet points, double[] distances, int rowStart, int rowEnd)
    {
        var n = points.Count;
        for (var columnStart = rowStart + 1; columnStart < n; columnStart += ColumnChunk)
        {
            var columnEnd = Math.Min(n, columnStart + ColumnChunk);
            for (var i = rowStart; i < rowEnd; i++)
            {
                var row = points.Row(i);
                var first = Math.Max(columnStart, i + 1);
                var offset = Index(n, i, first);
                for (var j = first; j < columnEnd; j++)
                {
                    distances[offset++] = SquaredDistance(row, points.Row(j));
                }
            }
        }
    }

    /// <summary>Sum of squared differences, four independent SIMD accumulators to hide FMA latency.</summary>
    public static double SquaredDistance(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var width = Vector<double>.Count;
        var acc0 = Vector<double>.Zero;
        var acc1 = Vector<double>.Zero;
        var acc2 = Vector<double>.Zero;
        var acc3 = Vector<double>.Zero;
        var k = 0;
        for (; k <= a.Length - 4 * width; k += 4 * width)
        {
            var d0 = new Vector<double>(a[k..]) - new Vector<double>(b[k..]);
            var d1 = new Vector<double>(a[(k + width)..]) - new Vector<double>(b[(k + width)..]);
            var d2 = new Vector<double>(a[(k + 2 * width)..]) - new Vector<double>(b[(k + 2 * width)..]);
            var d3 = new Vector<double>(a[(k + 3 * width)..]) - new Vector<double>(b[(k + 3 * width)..]);
            acc0 = Vector.FusedMultiplyAdd(d0, d0, acc0);
            acc1 = Vector.FusedMultiplyAdd(d1, d1, acc1);
            acc2 = Vector.FusedMultiplyAdd(d2, d2, acc2);
            acc3 = Vector.FusedMultiplyAdd(d3, d3, acc3);
        }

        for (; k <= a.Length - width; k += width)
        {
            var d = new Vector<double>(a[k..]) - new Vector<double>(b[k..]);
            acc0 = Vector.FusedMultiplyAdd(d, d, acc0);
        }

        var sum = Vector.Sum((acc0 + acc1) + (acc2 + acc3));
        for (; k < a.Length; k++)
        {
            var d = a[k] - b[k];
            sum += d * d;
        }

        return sum;
    }
}
