namespace Disambig.Clustering.Metrics;

/// <summary>A non-zero cell: <see cref="Count"/> points in class <see cref="Row"/> of the first labeling and <see cref="Column"/> of the second.</summary>
internal readonly record struct Cell(int Row, int Column, long Count);

/// <summary>The sparse contingency table of two labelings of the same points (labels are arbitrary integers).</summary>
internal sealed class Contingency
{
    private Contingency(int sampleCount, long[] rowSums, long[] columnSums, Cell[] cells)
    {
        SampleCount = sampleCount;
        RowSums = rowSums;
        ColumnSums = columnSums;
        Cells = cells;
    }

    public int SampleCount { get; }

    /// <summary>Points per class of the first labeling.</summary>
    public long[] RowSums { get; }

    /// <summary>Points per class of the second labeling.</summary>
    public long[] ColumnSums { get; }

    /// <summary>The non-zero cells.</summary>
    public Cell[] Cells { get; }

    /// <summary>True when both labelings are the same partition (each row and each column has one cell).</summary>
    public bool IsSamePartition => Cells.Length == RowSums.Length && Cells.Length == ColumnSums.Length;

    /// <exception cref="ArgumentException">The labelings have different lengths.</exception>
    public static Contingency Of(ReadOnlySpan<int> first, ReadOnlySpan<int> second)
    {
        if (first.Length != second.Length)
        {
            throw new ArgumentException($"The labelings have different lengths ({first.Length} and {second.Length}).");
        }

        var rows = DenseIndices(first, out var rowCount);
        var columns = DenseIndices(second, out var columnCount);
        var rowSums = new long[rowCount];
        var columnSums = new long[columnCount];
        var counts = new Dictionary<(int Row, int Column), long>();
        for (var k = 0; k < rows.Length; k++)
        {
            rowSums[rows[k]]++;
            columnSums[columns[k]]++;
            counts[(rows[k], columns[k])] = counts.GetValueOrDefault((rows[k], columns[k])) + 1;
        }

        var cells = counts.Select(pair => new Cell(pair.Key.Row, pair.Key.Column, pair.Value)).ToArray();
        return new Contingency(first.Length, rowSums, columnSums, cells);
    }

    private static int[] DenseIndices(ReadOnlySpan<int> labels, out int distinct)
    {
        var index = new Dictionary<int, int>();
        var result = new int[labels.Length];
        for (var k = 0; k < labels.Length; k++)
        {
            if (!index.TryGetValue(labels[k], out var dense))
            {
                dense = index.Count;
                index.Add(labels[k], dense);
            }

            result[k] = dense;
        }

        distinct = index.Count;
        return result;
    }
}
