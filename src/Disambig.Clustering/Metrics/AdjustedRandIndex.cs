namespace Disambig.Clustering.Metrics;

/// <summary>Adjusted Rand index (Hubert and Arabie), as scikit-learn's <c>adjusted_rand_score</c>.</summary>
public static class AdjustedRandIndex
{
    /// <summary>
    /// 1 for identical partitions, about 0 for independent ones, negative below chance (down to -0.5 for
    /// two points). Labels are compared up to renaming.
    /// </summary>
    /// <remarks>
    /// Computed from scikit-learn's pair confusion matrix (ordered pairs) in exact integer arithmetic. When no pair
    /// is split by one labeling and joined by the other the result is 1.0: this covers no points, one point, both
    /// labelings one cluster and both all-singletons. The denominator is then never zero.
    /// </remarks>
    /// <exception cref="ArgumentException">The labelings have different lengths.</exception>
    public static double Compute(ReadOnlySpan<int> truth, ReadOnlySpan<int> predicted)
    {
        var table = Contingency.Of(truth, predicted);
        Int128 n = table.SampleCount;
        Int128 sumSquares = 0;
        foreach (var cell in table.Cells)
        {
            sumSquares += (Int128)cell.Count * cell.Count;
        }

        var sumRowSquares = SumOfSquares(table.RowSums);
        var sumColumnSquares = SumOfSquares(table.ColumnSums);
        var truePositive = sumSquares - n;
        var falsePositive = sumColumnSquares - sumSquares;
        var falseNegative = sumRowSquares - sumSquares;
        var trueNegative = n * n - falsePositive - falseNegative - sumSquares;
        if (falseNegative == 0 && falsePositive == 0)
        {
            return 1.0;
        }

        var numerator = 2 * (truePositive * trueNegative - falseNegative * falsePositive);
        var denominator = (truePositive + falseNegative) * (falseNegative + trueNegative)
            + (truePositive + falsePositive) * (falsePositive + trueNegative);
        return (double)numerator / (double)denominator;
    }

    private static Int128 SumOfSquares(long[] counts)
    {
        Int128 sum = 0;
        foreach (var count in counts)
        {
            sum += (Int128)count * count;
        }

        return sum;
    }
}
