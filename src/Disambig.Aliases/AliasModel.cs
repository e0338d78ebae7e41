using Disambig.Clustering.Calibration;
namespace Disambig.Aliases;

/// <summary>A calibrated alias decision: merge below a distance, with a probability for each proposal.</summary>
/// <param name="Threshold">Cosine distance between centroids under which two entities of different names are proposed as one artist.</param>
/// <param name="Calibration">Probability of "same artist" given the distance, fitted on labelled pairs.</param>
/// <param name="LowEvidenceCap">
/// Highest probability a pair with a low-evidence side (few tracks) may carry: the smoothed precision such pairs earned
/// under the threshold in calibration, (correct + 1) / (proposed + 2), so 1/2 when calibration saw none.
/// </param>
public sealed record AliasModel(double Threshold, PlattScaling Calibration, double LowEvidenceCap)
{
    /// <summary>The probability a proposal at <paramref name="distance"/> carries.</summary>
    public double Probability(double distance, bool lowEvidence)
    {
        var probability = Calibration.Probability(distance);
        return lowEvidence ? Math.Min(probability, LowEvidenceCap) : probability;
    }
}
