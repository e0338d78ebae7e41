namespace Disambig.Clustering.Metrics;

/// <summary>The operating point where false negative and false positive rates are equal.</summary>
/// <param name="Rate">The equal error rate, in [0, 1].</param>
/// <param name="Threshold">The distance threshold where it occurs (accept "same artist" when distance &lt;= threshold).</param>
public readonly record struct EqualErrorRateResult(double Rate, double Threshold);

/// <summary>Equal error rate of a verification task that accepts a pair when its distance is at most a threshold.</summary>
public static class EqualErrorRate
{
    /// <summary>Computes the EER from the distances of genuine (same artist) and impostor (different artists) pairs.</summary>
    /// <remarks>
    /// At threshold t, FNR(t) = share of genuine distances &gt; t and FPR(t) = share of impostor distances &lt;= t.
    /// Both are evaluated at every distinct distance t_0 &lt; t_1 &lt; ..., preceded by the point (FPR 0, FNR 1) that
    /// lies just below t_0. The first point with FPR &gt;= FNR and the point before it are joined by a straight line
    /// (in rates and in threshold alike); the EER is where that line crosses FPR = FNR, the threshold is
    /// interpolated by the same fraction (it is t_0 when the crossing lies before the first distinct distance).
    /// Degenerate inputs: no genuine distances gives rate 0 at the largest threshold below every impostor distance;
    /// no impostor distances gives rate 0 at the largest genuine distance; neither gives (0, 0).
    /// </remarks>
    /// <exception cref="ArgumentException">A distance is NaN or infinite.</exception>
    public static EqualErrorRateResult Compute(ReadOnlySpan<double> genuine, ReadOnlySpan<double> impostor)
    {
        var sortedGenuine = SortedFinite(genuine, nameof(genuine));
        var sortedImpostor = SortedFinite(impostor, nameof(impostor));
        if (sortedGenuine.Length == 0)
        {
            return new(0, sortedImpostor.Length == 0 ? 0 : Math.BitDecrement(sortedImpostor[0]));
        }

        if (sortedImpostor.Length == 0)
        {
            return new(0, sortedGenuine[^1]);
        }

        double previousFpr = 0, previousFnr = 1, previousThreshold = double.NaN;
        int genuineAtOrBelow = 0, impostorAtOrBelow = 0;
        while (true)
        {
            var threshold = Math.Min(
                genuineAtOrBelow < sortedGenuine.Length ? sortedGenuine[genuineAtOrBelow] : double.PositiveInfinity,
                impostorAtOrBelow < sortedImpostor.Length ? sortedImpostor[impostorAtOrBelow] : double.PositiveInfinity);
            while (genuineAtOrBelow < sortedGenuine.Length && sortedGenuine[genuineAtOrBelow] <= threshold)
            {
                genuineAtOrBelow++;
            }

            while (impostorAtOrBelow < sortedImpostor.Length && sortedImpostor[impostorAtOrBelow] <= threshold)
            {
                impostorAtOrBelow++;
            }

            var fnr = 1 - (double)genuineAtOrBelow / sortedGenuine.Length;
            var fpr = (double)impostorAtOrBelow / sortedImpostor.Length;
            if (fpr >= fnr)
            {
                // previous gap (fnr - fpr) > 0, current gap <= 0: the line crosses zero at fraction alpha.
                var previousGap = previousFnr - previousFpr;
                var alpha = previousGap / (previousGap - (fnr - fpr));
                var rate = previousFpr + alpha * (fpr - previousFpr);
                var crossing = double.IsNaN(previousThreshold) ? threshold : previousThreshold + alpha * (threshold - previousThreshold);
                return new(rate, crossing);
            }

            (previousFpr, previousFnr, previousThreshold) = (fpr, fnr, threshold);
        }
    }

    private static double[] SortedFinite(ReadOnlySpan<double> distances, string name)
    {
        var sorted = distances.ToArray();
        foreach (var distance in sorted)
        {
            if (!double.IsFinite(distance))
            {
                throw new ArgumentException($"A {name} distance is {distance}; distances must be finite.", name);
            }
        }

        Array.Sort(sorted);
        return sorted;
    }
}
