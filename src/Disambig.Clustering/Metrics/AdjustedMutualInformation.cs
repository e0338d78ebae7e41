namespace Disambig.Clustering.Metrics;

/// <summary>
/// Adjusted mutual information with the exact expected mutual information of Vinh, Epps and Bailey (2010) and the
/// arithmetic mean of the two entropies as normaliser: scikit-learn's <c>adjusted_mutual_info_score</c> default.
/// Natural logarithms throughout.
/// </summary>
public static class AdjustedMutualInformation
{
    private const double MachineEpsilon = 2.220446049250313e-16;

    /// <summary>(MI - E[MI]) / (mean(H(truth), H(predicted)) - E[MI]); 1 for identical partitions, about 0 by chance.</summary>
    /// <remarks>
    /// Special cases, each as scikit-learn 1.2 returns them and never NaN: no points, or both labelings a single
    /// cluster, give 1.0 (one point is both). One labeling a single cluster and the other not gives 0.0. A denominator
    /// closer to 0 than machine epsilon is replaced by ±epsilon with its sign kept, as scikit-learn does. One
    /// deliberate difference: two labelings that are the same partition give exactly 1.0. scikit-learn computes 0/0
    /// up to rounding for identical all-singleton labelings (it returns 0.0 for two points and 1.0 for three or more
    /// in version 1.2.1), and 1 ± a few ulps for other identical partitions.
    /// </remarks>
    /// <exception cref="ArgumentException">The labelings have different lengths.</exception>
    public static double Compute(ReadOnlySpan<int> truth, ReadOnlySpan<int> predicted)
    {
        var table = Contingency.Of(truth, predicted);
        var classes = table.RowSums.Length;
        var clusters = table.ColumnSums.Length;
        if ((classes == 1 && clusters == 1) || (classes == 0 && clusters == 0) || table.IsSamePartition)
        {
            return 1.0;
        }

        var mutualInformation = MutualInformation(table);
        var expected = ExpectedMutualInformation(table);
        var normaliser = (Entropy(table.RowSums, table.SampleCount) + Entropy(table.ColumnSums, table.SampleCount)) / 2;
        var denominator = normaliser - expected;
        denominator = denominator < 0
            ? Math.Min(denominator, -MachineEpsilon)
            : Math.Max(denominator, MachineEpsilon);
        return (mutualInformation - expected) / denominator;
    }

    /// <summary>Mutual information of the table, summed over non-zero cells as scikit-learn does (tiny terms zeroed, result &gt;= 0).</summary>
    internal static double MutualInformation(Contingency table)
    {
        if (table.RowSums.Length == 1 || table.ColumnSums.Length == 1)
        {
            return 0;
        }

        double n = table.SampleCount;
        var logN = Math.Log(n);
        var sum = 0.0;
        foreach (var (row, column, count) in table.Cells)
        {
            var share = count / n;
            var logOuter = -Math.Log((double)(table.RowSums[row] * table.ColumnSums[column])) + logN + logN;
            var term = share * (Math.Log(count) - logN) + share * logOuter;
            sum += Math.Abs(term) < MachineEpsilon ? 0 : term;
        }

        return Math.Max(sum, 0);
    }

    private static double Entropy(long[] counts, int sampleCount)
    {
        if (counts.Length <= 1)
        {
            return 0;
        }

        var logTotal = Math.Log(sampleCount);
        var sum = 0.0;
        foreach (var count in counts)
        {
            sum += (double)count / sampleCount * (Math.Log(count) - logTotal);
        }

        return -sum;
    }

    /// <summary>
    /// E[MI] under the hypergeometric model of random labelings with the same class sizes (Vinh et al. 2010, eq. 24a),
    /// with factorials in log space.
    /// </summary>
    internal static double ExpectedMutualInformation(Contingency table)
    {
        var a = table.RowSums;
        var b = table.ColumnSums;
        if (a.Length == 1 || b.Length == 1)
        {
            return 0;
        }

        long n = table.SampleCount;
        var logFactorial = LogGamma.FactorialTable(n);
        var logN = Math.Log(n);
        var sum = 0.0;
        foreach (var ai in a)
        {
            foreach (var bj in b)
            {
                var fixedPart = logFactorial[ai] + logFactorial[bj] + logFactorial[n - ai] + logFactorial[n - bj] - logFactorial[n];
                var logAiBj = Math.Log(ai) + Math.Log(bj);
                for (var nij = Math.Max(1, ai + bj - n); nij <= Math.Min(ai, bj); nij++)
                {
                    var logProbability = fixedPart - logFactorial[nij] - logFactorial[ai - nij] - logFactorial[bj - nij]
                        - logFactorial[n - ai - bj + nij];
                    sum += (double)nij / n * (logN + Math.Log(nij) - logAiBj) * Math.Exp(logProbability);
                }
            }
        }

        return sum;
    }
}
