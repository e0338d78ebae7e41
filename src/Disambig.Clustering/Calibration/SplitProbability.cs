namespace Disambig.Clustering.Calibration;

/// <summary>
/// Platt scaling of a split confidence (<see cref="SplitDecision.Confidence"/>) into the probability that the
/// decision on a name is right: p = 1 / (1 + exp(A c + B)).
/// </summary>
/// <param name="A">Slope (negative when a higher confidence means more often right).</param>
/// <param name="B">Offset.</param>
public sealed record SplitProbability(double A, double B)
{
    /// <summary>The probability for a confidence <paramref name="confidence"/>.</summary>
    public double Of(double confidence) => new PlattScaling(A, B).Probability(confidence);

    /// <summary>
    /// Fits A and B by <see cref="PlattScaling.Fit"/> (Newton's method on the log loss with Platt's smoothed targets),
    /// so that all-right or all-wrong samples still give finite parameters.
    /// No sample gives A = 0, B = 0 (probability one half).
    /// </summary>
    /// <exception cref="ArgumentException">A confidence is NaN or infinite.</exception>
    public static SplitProbability Fit(IReadOnlyList<(double Confidence, bool Right)> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (samples.Any(s => !double.IsFinite(s.Confidence)))
        {
            throw new ArgumentException("Confidences must be finite.", nameof(samples));
        }

        if (samples.Count == 0)
        {
            return new SplitProbability(0, 0);
        }

        var platt = PlattScaling.Fit([.. samples.Select(s => s.Confidence)], [.. samples.Select(s => s.Right)]);
        return new SplitProbability(platt.A, platt.B);
    }
}

/// <summary>One bin of a reliability table: names whose predicted probabilities fell together.</summary>
/// <param name="Names">Names in the bin.</param>
/// <param name="MeanPredicted">Mean predicted probability of being right.</param>
/// <param name="ObservedRight">Share of them actually right.</param>
public sealed record ReliabilityBin(int Names, double MeanPredicted, double ObservedRight);

/// <summary>Predicted against observed, in bins of at least <c>minPerBin</c> names, with the expected calibration error.</summary>
/// <param name="Bins">Bins in ascending order of predicted probability.</param>
/// <param name="Ece">Expected calibration error: the bins' |predicted - observed| weighted by their share of names.</param>
public sealed record ReliabilityTable(IReadOnlyList<ReliabilityBin> Bins, double Ece)
{
    /// <summary>
    /// Sorts names by predicted probability and deals them into equal-count bins (at most 10) of at least
    /// <paramref name="minPerBin"/> names; fewer names than that make one bin. No names give no bins and ECE 0.
    /// </summary>
    public static ReliabilityTable Build(IReadOnlyList<(double Predicted, bool Right)> names, int minPerBin = 10)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentOutOfRangeException.ThrowIfLessThan(minPerBin, 1);
        if (names.Count == 0)
        {
            return new ReliabilityTable([], 0);
        }

        var ordered = names.OrderBy(n => n.Predicted).ToArray();
        var binCount = Math.Clamp(ordered.Length / minPerBin, 1, 10);
        var bins = new List<ReliabilityBin>();
        var ece = 0.0;
        for (var b = 0; b < binCount; b++)
        {
            var slice = ordered[(b * ordered.Length / binCount)..((b + 1) * ordered.Length / binCount)];
            var bin = new ReliabilityBin(slice.Length, slice.Average(n => n.Predicted), slice.Count(n => n.Right) / (double)slice.Length);
            bins.Add(bin);
            ece += (double)slice.Length / ordered.Length * Math.Abs(bin.MeanPredicted - bin.ObservedRight);
        }

        return new ReliabilityTable(bins, ece);
    }
}
