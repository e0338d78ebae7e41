namespace Disambig.Clustering.Calibration;

/// <summary>
/// A sigmoid P(same artist | d) = 1 / (1 + exp(A d + B)) over a score d (an alias distance, a split confidence),
/// fitted by Platt's method with the Newton iteration and regularised targets of Lin, Lin and Weng (2007).
/// </summary>
/// <param name="A">Slope (positive when a larger distance means a smaller probability).</param>
/// <param name="B">Offset.</param>
public sealed record PlattScaling(double A, double B)
{
    /// <summary>The probability at score <paramref name="score"/>, in (0, 1).</summary>
    public double Probability(double score)
    {
        var z = A * score + B;
        return z >= 0 ? Math.Exp(-z) / (1 + Math.Exp(-z)) : 1 / (1 + Math.Exp(z));
    }

    /// <summary>Fits A and B to scores and their true outcomes.</summary>
    /// <remarks>
    /// Targets are (N+ + 1) / (N+ + 2) for positives and 1 / (N- + 2) for negatives, so a sample of one class still
    /// gives a finite fit, and a handful of examples gives a probability pulled towards 1/2 rather than 0 or 1.
    /// </remarks>
    /// <exception cref="ArgumentException">No examples, lengths differ, or a score is not finite.</exception>
    public static PlattScaling Fit(IReadOnlyList<double> scores, IReadOnlyList<bool> outcomes)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(outcomes);
        if (scores.Count == 0 || scores.Count != outcomes.Count)
        {
            throw new ArgumentException($"Platt scaling needs at least one example and one outcome a score; got {scores.Count} scores and {outcomes.Count} outcomes.", nameof(outcomes));
        }

        if (scores.Any(s => !double.IsFinite(s)))
        {
            throw new ArgumentException("Platt scaling needs finite scores.", nameof(scores));
        }

        var positives = outcomes.Count(o => o);
        var negatives = outcomes.Count - positives;
        var high = (positives + 1.0) / (positives + 2.0);
        var low = 1.0 / (negatives + 2.0);
        var targets = outcomes.Select(o => o ? high : low).ToArray();

        const double minStep = 1e-10, sigma = 1e-12, tolerance = 1e-10;
        var a = 0.0;
        var b = Math.Log((negatives + 1.0) / (positives + 1.0));
        var value = Objective(scores, targets, a, b);
        for (var iteration = 0; iteration < 100; iteration++)
        {
            double h11 = sigma, h22 = sigma, h21 = 0, g1 = 0, g2 = 0;
            for (var i = 0; i < scores.Count; i++)
            {
                var z = scores[i] * a + b;
                var (p, q) = z >= 0 ? (Math.Exp(-z) / (1 + Math.Exp(-z)), 1 / (1 + Math.Exp(-z))) : (1 / (1 + Math.Exp(z)), Math.Exp(z) / (1 + Math.Exp(z)));
                var d2 = p * q;
                h11 += scores[i] * scores[i] * d2;
                h22 += d2;
                h21 += scores[i] * d2;
                var d1 = targets[i] - p;
                g1 += scores[i] * d1;
                g2 += d1;
            }

            if (Math.Abs(g1) < tolerance && Math.Abs(g2) < tolerance)
            {
                break;
            }

            var det = h11 * h22 - h21 * h21;
            var dA = -(h22 * g1 - h21 * g2) / det;
            var dB = -(-h21 * g1 + h11 * g2) / det;
            var gd = g1 * dA + g2 * dB;
            var step = 1.0;
            while (step >= minStep)
            {
                var next = Objective(scores, targets, a + step * dA, b + step * dB);
                if (next < value + 1e-4 * step * gd)
                {
                    a += step * dA;
                    b += step * dB;
                    value = next;
                    break;
                }

                step /= 2;
            }

            if (step < minStep)
            {
                break;
            }
        }

        return new PlattScaling(a, b);
    }

    private static double Objective(IReadOnlyList<double> scores, double[] targets, double a, double b)
    {
        var sum = 0.0;
        for (var i = 0; i < scores.Count; i++)
        {
            var z = scores[i] * a + b;
            sum += z >= 0 ? targets[i] * z + Math.Log(1 + Math.Exp(-z)) : (targets[i] - 1) * z + Math.Log(1 + Math.Exp(z));
        }

        return sum;
    }
}
