namespace Disambig.Embedding.Sampling;

/// <summary>What <see cref="CollapseDetector.Observe"/> concluded from one step.</summary>
public enum CollapseState
{
    Healthy,

    /// <summary>Embeddings of different artists are close together, not yet for long.</summary>
    Warning,

    /// <summary>They have been close together for the configured number of consecutive steps.</summary>
    Collapsed,
}

/// <summary>
/// Section 3.2 warns that training can get stuck with every input mapped to one point. This watches the mean
/// squared distance between embeddings of different artists per step.
/// </summary>
public sealed class CollapseDetector
{
    private readonly double _threshold;
    private readonly int _patience;
    private int _consecutive;

    /// <param name="threshold">Mean squared inter-artist distance below which a step counts as collapsed (unit vectors: in [0, 4]).</param>
    /// <param name="patience">Consecutive collapsed steps before <see cref="CollapseState.Collapsed"/>.</param>
    /// <param name="consecutiveSteps">Collapsed steps already counted (when a run resumes).</param>
    public CollapseDetector(double threshold, int patience, int consecutiveSteps = 0)
    {
        if (threshold < 0) throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "The threshold cannot be negative.");
        if (patience < 1) throw new ArgumentOutOfRangeException(nameof(patience), patience, "Patience must be at least one step.");
        _threshold = threshold;
        _patience = patience;
        _consecutive = consecutiveSteps;
    }

    /// <summary>Consecutive steps below the threshold so far.</summary>
    public int ConsecutiveSteps => _consecutive;

    public CollapseState Observe(double meanDistanceBetweenArtists)
    {
        if (meanDistanceBetweenArtists >= _threshold)
        {
            _consecutive = 0;
            return CollapseState.Healthy;
        }
        _consecutive++;
        return _consecutive >= _patience ? CollapseState.Collapsed : CollapseState.Warning;
    }
}
