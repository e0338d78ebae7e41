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
    public double Of(double confidence)
    {
        var z = A * confidence + B;
        return z >= 0 ? Math.Exp(-z) / (1 + Math.Exp(-z)) : 1 / (1 + Math.Exp(z));
    }

    /// <summary>
    /// Fits A and B by Newton's method on the log loss with Platt's smoothed targets ((N+ + 1) / (N+ + 2) for right
    /// decisions, 1 / (N- + 2) for wrong ones), so that all-right or all-wrong samples still give finite parameters.
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

        double positives = samples.Count(s => s.Right), negatives = samples.Count - positives;
        double high = (positives + 1) / (positives + 2), low = 1 / (negatives + 2);
        var x = samples.Select(s => s.Confidence).ToArray();
        var t = samples.Select(s => s.Right ? high : low).ToArray();
        double a = 0, b = Math.Log((negatives + 1) / (positives + 1));
        var loss = Loss(x, t, a, b);
        for (var iteration = 0; iteration < 100; iteration++)
        {
            // Gradient and Hessian of the log loss in (a, b), with a small ridge for a flat direction.
            double ga = 0, gb = 0, haa = 1e-12, hab = 0, hbb = 1e-12;
            for (var i = 0; i < x.Length; i++)
            {
                var p = new SplitProbability(a, b).Of(x[i]);
                var d = t[i] - p;
                ga += x[i] * d;
                gb += d;
                var w = p * (1 - p);
                haa += x[i] * x[i] * w;
                hab += x[i] * w;
                hbb += w;
            }

            var det = haa * hbb - hab * hab;
            if (Math.Abs(ga) < 1e-10 && Math.Abs(gb) < 1e-10 || det <= 0)
            {
                break;
            }

            var da = -(hbb * ga - hab * gb) / det;
            var db = -(-hab * ga + haa * gb) / det;
            var step = 1.0;
            while (step > 1e-10 && Loss(x, t, a + step * da, b + step * db) > loss + 1e-4 * step * (ga * da + gb * db))
            {
                step /= 2;
            }

            if (step <= 1e-10)
            {
                break;
            }

            a += step * da;
            b += step * db;
            loss = Loss(x, t, a, b);
        }

        return new SplitProbability(a, b);
    }

    private static double Loss(double[] x, double[] t, double a, double b)
    {
        var sum = 0.0;
        for (var i = 0; i < x.Length; i++)
        {
            var z = a * x[i] + b;
            // -[t log p + (1 - t) log(1 - p)] with p = 1 / (1 + e^z), written stably.
            sum += z >= 0 ? t[i] * z + Math.Log(1 + Math.Exp(-z)) : (t[i] - 1) * z + Math.Log(1 + Math.Exp(z));
        }

        return sum;
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
