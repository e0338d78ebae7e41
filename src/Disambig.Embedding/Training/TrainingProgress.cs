using Disambig.Embedding.Sampling;

namespace Disambig.Embedding.Training;

/// <summary>What one training step did; reported after every step.</summary>
/// <param name="Step">Steps done so far (1 after the first).</param>
/// <param name="Loss">Mean loss over the kept triplets (triplet training) or the batch (classifier); 0 when nothing was kept.</param>
/// <param name="Kept">Triplets kept by mining (hard + semi-hard); the batch size for the classifier.</param>
/// <param name="Total">Triplets (or segments) in the batch.</param>
/// <param name="MeanDistanceBetweenArtists">Mean squared distance between embeddings of different artists (triplet training only).</param>
/// <param name="SameTagNegatives">Triplets whose negative shares a tag with the anchor.</param>
/// <param name="Collapse">Whether embeddings of different artists sit together.</param>
/// <param name="Validation">The validation metric when this step validated, otherwise null.</param>
/// <param name="BestValidation">Best validation metric so far (null before the first validation).</param>
public sealed record TrainingProgress(
    int Step,
    double Loss,
    int Kept,
    int Total,
    double? MeanDistanceBetweenArtists,
    int SameTagNegatives,
    CollapseState Collapse,
    double? Validation,
    double? BestValidation)
{
    public double KeptFraction => Total == 0 ? 0 : (double)Kept / Total;
}

/// <summary>Why training ended.</summary>
public enum TrainingStop
{
    MaxSteps,
    EarlyStopping,
}

/// <summary>The outcome of a training run; the network holds the weights of <see cref="BestStep"/>.</summary>
public sealed record TrainingResult(int Steps, TrainingStop Stop, double BestValidation, int BestStep, string MetricName);

/// <summary>Embeddings of different artists stayed together for too long (section 3.2's "collapsed" state).</summary>
public sealed class EmbeddingCollapsedException(int step, double meanDistance, double threshold, int consecutiveSteps)
    : Exception($"Training collapsed: for {consecutiveSteps} consecutive steps up to step {step} the mean squared distance between " +
                $"embeddings of different artists stayed below {threshold} (last {meanDistance:0.####}). " +
                "Try more artists per batch (--artists-per-batch), a lower learning rate, or check that the features vary.")
{
    public int Step { get; } = step;

    public double MeanDistance { get; } = meanDistance;
}
