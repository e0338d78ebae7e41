namespace Disambig.Clustering;

/// <summary>
/// One row of a merge tree in scipy's layout: clusters <see cref="Left"/> and <see cref="Right"/>
/// (ids 0..n-1 are points, n+i is the cluster made by merge i; <c>Left &lt; Right</c>) joined at
/// <see cref="Height"/> into a cluster of <see cref="Size"/> points.
/// </summary>
public readonly record struct Merge(int Left, int Right, double Height, int Size);

/// <summary>
/// A full agglomerative merge tree over <see cref="PointCount"/> points: n-1 merges sorted by height,
/// the same content as scipy's (n-1) x 4 linkage matrix <c>Z</c>.
/// </summary>
public sealed class Linkage
{
    private readonly Merge[] _merges;

    /// <summary>Wraps merges already in scipy's layout, after checking that they form one tree.</summary>
    /// <param name="pointCount">Number of points n (0 or more).</param>
    /// <param name="merges">max(n-1, 0) merges; merge i may only refer to ids below n+i.</param>
    /// <exception cref="ArgumentException">The merges do not form a binary tree over the points.</exception>
    public Linkage(int pointCount, IReadOnlyList<Merge> merges)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(pointCount);
        ArgumentNullException.ThrowIfNull(merges);
        _merges = [.. merges];
        PointCount = pointCount;
        Validate();
    }

    /// <summary>Number of clustered points n.</summary>
    public int PointCount { get; }

    /// <summary>The n-1 merges (none for n &lt;= 1), in scipy's row order.</summary>
    public IReadOnlyList<Merge> Merges => _merges;

    /// <summary>scipy's linkage matrix: [n-1, 4] rows of (left, right, height, size) as float64.</summary>
    public double[,] ToMatrix()
    {
        var z = new double[_merges.Length, 4];
        for (var i = 0; i < _merges.Length; i++)
        {
            z[i, 0] = _merges[i].Left;
            z[i, 1] = _merges[i].Right;
            z[i, 2] = _merges[i].Height;
            z[i, 3] = _merges[i].Size;
        }

        return z;
    }

    /// <summary>Reads a scipy linkage matrix [n-1, 4] (e.g. loaded from a .npy file).</summary>
    /// <exception cref="ArgumentException">The matrix is not a valid linkage.</exception>
    public static Linkage FromMatrix(double[,] z)
    {
        ArgumentNullException.ThrowIfNull(z);
        if (z.GetLength(1) != 4)
        {
            throw new ArgumentException($"A linkage matrix has 4 columns, this one has {z.GetLength(1)}.", nameof(z));
        }

        var merges = new Merge[z.GetLength(0)];
        for (var i = 0; i < merges.Length; i++)
        {
            merges[i] = new Merge(ToId(z[i, 0], i), ToId(z[i, 1], i), z[i, 2], ToId(z[i, 3], i));
        }

        return new Linkage(merges.Length + 1, merges);
    }

    private static int ToId(double value, int row) =>
        value >= 0 && value <= int.MaxValue && Math.Floor(value) == value
            ? (int)value
            : throw new ArgumentException($"Linkage row {row} holds {value} where a non-negative integer is expected.");

    private void Validate()
    {
        var expected = Math.Max(PointCount - 1, 0);
        if (_merges.Length != expected)
        {
            throw new ArgumentException($"{PointCount} points need {expected} merges, got {_merges.Length}.");
        }

        var sizes = new int[Math.Max(2 * PointCount - 1, 0)];
        Array.Fill(sizes, 1, 0, PointCount);
        for (var i = 0; i < _merges.Length; i++)
        {
            var (left, right, height, size) = _merges[i];
            var newId = PointCount + i;
            if (left >= right || right >= newId || sizes[left] == 0 || sizes[right] == 0)
            {
                throw new ArgumentException(
                    $"Merge {i} joins clusters {left} and {right}: ids must satisfy left < right < {newId} and each cluster may be merged only once.");
            }

            if (!double.IsFinite(height) || height < 0)
            {
                throw new ArgumentException($"Merge {i} has height {height}; heights must be finite and non-negative.");
            }

            if (size != sizes[left] + sizes[right])
            {
                throw new ArgumentException($"Merge {i} claims size {size} but joins {sizes[left]} + {sizes[right]} points.");
            }

            sizes[newId] = size;
            sizes[left] = 0;
            sizes[right] = 0;
        }
    }
}
