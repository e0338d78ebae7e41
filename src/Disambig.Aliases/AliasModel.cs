using Disambig.Clustering.Calibration;
namespace Disambig.Aliases;

/// <summary>A calibrated alias decision: merge below a distance, with a probability for each proposal.</summary>
/// <param name="Threshold">Cosine distance between centroids under which two entities of different names are proposed as one artist.</param>
/// <param name="Calibration">
/// Probability of "same artist" given the distance, fitted on labelled pairs: over the distance itself, or over its
/// logarithm when <paramref name="LogDistance"/> is set (what <see cref="AliasCalibrator"/> fits).
/// </param>
/// <param name="LowEvidenceCap">
/// Highest probability a pair with a low-evidence side (few tracks) may carry: the smoothed precision such pairs earned
/// under the threshold in calibration, (correct + 1) / (proposed + 2), so 1/2 when calibration saw none.
/// </param>
/// <param name="LogDistance">
/// Whether <paramref name="Calibration"/> takes ln(distance) (floored at <see cref="SmallestDistance"/>) rather than the
/// distance. False for models written before calibration switched to it (and for the configured fallback).
/// </param>
public sealed record AliasModel(double Threshold, PlattScaling Calibration, double LowEvidenceCap, bool LogDistance = false)
{
    /// <summary>Distances below this count as this one on the log scale (two identical centroids have distance 0).</summary>
    public const double SmallestDistance = 1e-6;

    /// <summary>The score <see cref="Calibration"/> takes for <paramref name="distance"/>.</summary>
    public static double Score(double distance, bool logDistance) => logDistance ? Math.Log(Math.Max(distance, SmallestDistance)) : distance;

    /// <summary>The probability a proposal at <paramref name="distance"/> carries.</summary>
    public double Probability(double distance, bool lowEvidence)
    {
        var probability = Calibration.Probability(Score(distance, LogDistance));
        return lowEvidence ? Math.Min(probability, LowEvidenceCap) : probability;
    }
}
