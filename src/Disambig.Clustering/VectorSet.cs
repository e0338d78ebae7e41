namespace Disambig.Clustering;

/// <summary>
/// An immutable set of <see cref="Count"/> vectors of equal <see cref="Dimension"/>, stored row-major in
/// double precision so that distance sums are as exact as scipy's (which also works in float64).
/// </summary>
public sealed class VectorSet
{
    private readonly double[] _values;

    private VectorSet(double[] values, int count, int dimension)
    {
        _values = values;
        Count = count;
        Dimension = dimension;
    }

    /// <summary>An empty set (no vectors).</summary>
    public static VectorSet Empty { get; } = new([], 0, 0);

    /// <summary>Number of vectors (rows).</summary>
    public int Count { get; }

    /// <summary>Length of every vector (columns).</summary>
    public int Dimension { get; }

    /// <summary>The vector at <paramref name="index"/>.</summary>
    public ReadOnlySpan<double> Row(int index) => _values.AsSpan(checked(index * Dimension), Dimension);

    /// <summary>All values, row-major: [Count, Dimension].</summary>
    internal ReadOnlySpan<double> Values => _values;

    /// <summary>Copies rows of equal length (e.g. one float embedding per track).</summary>
    /// <exception cref="ArgumentException">Rows differ in length or a value is NaN or infinite.</exception>
    public static VectorSet FromRows(IReadOnlyList<float[]> rows) =>
        FromRows(rows, static (row, destination) =>
        {
            for (var j = 0; j < row.Length; j++)
            {
                destination[j] = row[j];
            }
        }, static row => row.Length);

    /// <summary>Copies rows of equal length.</summary>
    /// <exception cref="ArgumentException">Rows differ in length or a value is NaN or infinite.</exception>
    public static VectorSet FromRows(IReadOnlyList<double[]> rows) =>
        FromRows(rows, static (row, destination) => row.CopyTo(destination), static row => row.Length);

    /// <summary>Copies a row-major block of <paramref name="count"/> x <paramref name="dimension"/> floats.</summary>
    /// <exception cref="ArgumentException">The length is not count x dimension or a value is NaN or infinite.</exception>
    public static VectorSet FromRowMajor(ReadOnlySpan<float> values, int count, int dimension)
    {
        var copy = AllocateChecked(values.Length, count, dimension);
        for (var k = 0; k < values.Length; k++)
        {
            copy[k] = values[k];
        }

        return Validated(copy, count, dimension);
    }

    /// <summary>Copies a row-major block of <paramref name="count"/> x <paramref name="dimension"/> doubles.</summary>
    /// <exception cref="ArgumentException">The length is not count x dimension or a value is NaN or infinite.</exception>
    public static VectorSet FromRowMajor(ReadOnlySpan<double> values, int count, int dimension)
    {
        var copy = AllocateChecked(values.Length, count, dimension);
        values.CopyTo(copy);
        return Validated(copy, count, dimension);
    }

    /// <summary>The vectors at <paramref name="indices"/>, in that order.</summary>
    public VectorSet Select(IReadOnlyList<int> indices)
    {
        var copy = new double[checked(indices.Count * Dimension)];
        for (var k = 0; k < indices.Count; k++)
        {
            Row(indices[k]).CopyTo(copy.AsSpan(k * Dimension, Dimension));
        }

        return new VectorSet(copy, indices.Count, Dimension);
    }

    private static VectorSet FromRows<TRow>(IReadOnlyList<TRow> rows, Action<TRow, Span<double>> copyRow, Func<TRow, int> length)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return Empty;
        }

        var dimension = length(rows[0]);
        var values = new double[checked(rows.Count * dimension)];
        for (var i = 0; i < rows.Count; i++)
        {
            if (length(rows[i]) != dimension)
            {
                throw new ArgumentException(
                    $"Row {i} has {length(rows[i])} values but row 0 has {dimension}; all vectors must have the same dimension.",
                    nameof(rows));
            }

            copyRow(rows[i], values.AsSpan(i * dimension, dimension));
        }

        return Validated(values, rows.Count, dimension);
    }

    private static double[] AllocateChecked(int length, int count, int dimension)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfNegative(dimension);
        if ((long)count * dimension != length)
        {
            throw new ArgumentException($"Expected {count} x {dimension} = {(long)count * dimension} values but got {length}.");
        }

        return new double[length];
    }

    private static VectorSet Validated(double[] values, int count, int dimension)
    {
        for (var k = 0; k < values.Length; k++)
        {
            if (!double.IsFinite(values[k]))
            {
                throw new ArgumentException(
                    $"Vector {k / dimension}, component {k % dimension} is {values[k]}; clustering needs finite values.");
            }
        }

        return new VectorSet(values, count, dimension);
    }
}
