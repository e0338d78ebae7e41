namespace Disambig.Clustering;

/// <summary>Settings of <see cref="WardThresholdClusterer"/>.</summary>
public sealed class WardClusteringOptions
{
    /// <summary>
    /// Ward distance at which the merge tree is cut (scipy's <c>fcluster(..., criterion='distance')</c> t), in the
    /// units of the embedding space. Default 1.0 (a placeholder: use the threshold calibrated for the model,
    /// see <see cref="Calibration.ThresholdCalibrator"/>). Valid range: finite and &gt;= 0.
    /// </summary>
    public double Threshold { get; set; } = 1.0;

    /// <summary>
    /// Most vectors clustered by exact Ward; above, Ward over prototypes (<see cref="ScalableWard"/>), whose linkage is
    /// not one of the vectors. Default: no ceiling. Valid range: at least 2.
    /// </summary>
    public int MaxExactPoints { get; set; } = int.MaxValue;

    /// <summary>Throws when a setting is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The threshold is negative, NaN or infinite, or the ceiling below 2.</exception>
    public void Validate()
    {
        if (!double.IsFinite(Threshold) || Threshold < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Threshold), Threshold, "The Ward distance threshold must be finite and >= 0.");
        }
        if (MaxExactPoints < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxExactPoints), MaxExactPoints, "The exact Ward ceiling must be at least 2.");
        }
    }
}
