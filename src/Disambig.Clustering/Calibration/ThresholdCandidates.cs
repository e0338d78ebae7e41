namespace Disambig.Clustering.Calibration;

/// <summary>Candidate thresholds for <see cref="ThresholdCalibrator"/>.</summary>
public static class ThresholdCandidates
{
    /// <summary>
    /// One threshold inside every interval between consecutive distinct merge heights u_1 &lt; ... &lt; u_m of the
    /// trees: u_1 / 2, the midpoints (u_i + u_(i+1)) / 2, and 2 u_m. Every distinct cut of every tree is reached, and each
    /// candidate lies as far as possible from the heights around it, which transfers better to unseen groups than a
    /// threshold sitting on a merge height. No merges at all give [1.0].
    /// </summary>
    public static double[] FromMergeHeights(IEnumerable<Linkage> linkages)
    {
        ArgumentNullException.ThrowIfNull(linkages);
        var heights = linkages.SelectMany(l => l.Merges).Select(m => m.Height).Distinct().Order().ToArray();
        if (heights.Length == 0)
        {
            return [1.0];
        }

        var candidates = new double[heights.Length + 1];
        candidates[0] = heights[0] / 2;
        for (var i = 1; i < heights.Length; i++)
        {
            candidates[i] = heights[i - 1] + (heights[i] - heights[i - 1]) / 2;
        }

        candidates[^1] = 2 * heights[^1];
        return candidates;
    }

    /// <summary><paramref name="count"/> evenly spaced thresholds from <paramref name="min"/> to <paramref name="max"/> inclusive.</summary>
    /// <exception cref="ArgumentOutOfRangeException">count &lt; 1, bounds not finite, min &lt; 0 or max &lt; min.</exception>
    public static double[] Grid(double min, double max, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        if (!double.IsFinite(min) || !double.IsFinite(max) || min < 0 || max < min)
        {
            throw new ArgumentOutOfRangeException(nameof(max), $"The grid needs finite bounds with 0 <= min <= max, got [{min}, {max}].");
        }

        return count == 1 ? [min] : [.. Enumerable.Range(0, count).Select(k => min + (max - min) * k / (count - 1))];
    }
}
