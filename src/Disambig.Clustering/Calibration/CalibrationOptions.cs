namespace Disambig.Clustering.Calibration;

/// <summary>Settings of <see cref="ThresholdCalibrator"/>, the paper's cross-validated threshold choice.</summary>
public sealed class CalibrationOptions
{
    /// <summary>Number of cross-validation folds over groups. Default 5 (the paper's); range 2 to the number of groups.</summary>
    public int Folds { get; set; } = 5;

    /// <summary>Seed of the shuffle that deals groups into folds. Default 0; any value.</summary>
    public int Seed { get; set; }

    /// <summary>
    /// Thresholds to try (Ward distances, finite, &gt;= 0). Default null: per selection, the candidates of
    /// <see cref="ThresholdCandidates.FromMergeHeights"/> over the groups the choice is made on.
    /// </summary>
    public IReadOnlyList<double>? Candidates { get; set; }

    /// <summary>
    /// Largest share of one-artist names a deployable threshold may split. Default 0.05 (in a real catalog most names
    /// belong to one artist); range [0, 1]. Only used when one-artist names are given.
    /// </summary>
    public double MaxOneArtistSplitShare { get; set; } = 0.05;

    /// <summary>
    /// Least calibrated probability of being right for a split to be applied; a less confident split keeps the name
    /// whole and flags it for review. Default 0.5; range [0, 1].
    /// </summary>
    public double MinSplitProbability { get; set; } = 0.5;

    /// <summary>Throws when a setting is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    public void Validate(int groupCount)
    {
        if (Folds < 2 || Folds > groupCount)
        {
            throw new ArgumentOutOfRangeException(nameof(Folds), Folds, $"Folds must be between 2 and the number of groups ({groupCount}).");
        }

        if (!(MaxOneArtistSplitShare is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(MaxOneArtistSplitShare), MaxOneArtistSplitShare, "MaxOneArtistSplitShare must lie in [0, 1].");
        }

        if (!(MinSplitProbability is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(MinSplitProbability), MinSplitProbability, "MinSplitProbability must lie in [0, 1].");
        }

        if (Candidates is { } candidates)
        {
            if (candidates.Count == 0)
            {
                throw new ArgumentOutOfRangeException(nameof(Candidates), "At least one candidate threshold is needed.");
            }

            foreach (var candidate in candidates)
            {
                if (!double.IsFinite(candidate) || candidate < 0)
                {
                    throw new ArgumentOutOfRangeException(nameof(Candidates), candidate, "Candidate thresholds must be finite and >= 0.");
                }
            }
        }
    }
}
