namespace Disambig.Clustering.Metrics;

/// <summary>ln Γ(x) for x &gt; 0 (.NET has no built-in).</summary>
internal static class LogGamma
{
    // Lanczos approximation with g = 7 and 9 coefficients (relative error of Γ about 1e-15),
    // with the reflection formula below 0.5.
    private const double G = 7;

    private static readonly double[] Coefficients =
    [
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
        12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
    ];

    private static readonly double HalfLogTwoPi = 0.5 * Math.Log(2 * Math.PI);

    public static double Of(double x)
    {
        if (!(x > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(x), x, "ln Γ is only needed for positive arguments here.");
        }

        if (x < 0.5)
        {
            // Γ(x) Γ(1 - x) = π / sin(πx)
            return Math.Log(Math.PI / Math.Sin(Math.PI * x)) - Of(1 - x);
        }

        x -= 1;
        var series = Coefficients[0];
        for (var k = 1; k < Coefficients.Length; k++)
        {
            series += Coefficients[k] / (x + k);
        }

        var t = x + G + 0.5;
        return HalfLogTwoPi + (x + 0.5) * Math.Log(t) - t + Math.Log(series);
    }

    /// <summary>ln k! for k = 0..max, so sums over counts need no repeated ln Γ calls.</summary>
    public static double[] FactorialTable(long max)
    {
        var table = new double[max + 1];
        for (var k = 0; k <= max; k++)
        {
            table[k] = Of(k + 1.0);
        }

        return table;
    }
}
