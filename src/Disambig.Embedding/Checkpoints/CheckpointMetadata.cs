using Disambig.Clustering.Calibration;
using Disambig.Embedding.Networks;
using Disambig.Embedding.Training;

namespace Disambig.Embedding.Checkpoints;

/// <summary>
/// <c>meta.json</c> beside <c>model.bin</c>: what the weights are, how they were trained, and the hash that
/// proves <c>model.bin</c> is the file that was written.
/// </summary>
public sealed record CheckpointMetadata
{
    /// <summary>The layout of this record and of the weights file this code writes and reads.</summary>
    public const int CurrentFormat = 1;

    public int Format { get; init; } = CurrentFormat;

    /// <summary>The model version id; also the checkpoint's folder name.</summary>
    public required string Version { get; init; }

    /// <summary>Architecture: kind, d, frames, mel bands, filters, artists, dropout.</summary>
    public required NetworkSpec Network { get; init; }

    /// <summary>Seconds of audio per segment (9 or 3).</summary>
    public required int SegmentSeconds { get; init; }

    /// <summary>The features the network expects.</summary>
    public required MelSettings Mel { get; init; }

    /// <summary>The training settings, when the model was trained by <see cref="EmbeddingTrainer"/>.</summary>
    public TrainingConfig? Training { get; init; }

    /// <summary>Digest of the training dataset (<see cref="Data.ISegmentDataset.Digest"/>).</summary>
    public required string DatasetDigest { get; init; }

    /// <summary>Source revision of the code that trained the model, or "unknown".</summary>
    public required string GitRevision { get; init; }

    /// <summary>Metrics at save time, e.g. "eer" and "step".</summary>
    public IReadOnlyDictionary<string, double> Metrics { get; init; } = new Dictionary<string, double>();

    /// <summary>Ward distance threshold for clustering, once calibrated for this model.</summary>
    public double? ClusteringThreshold { get; init; }

    /// <summary>
    /// The split confidence's calibration into the probability that a split is right, fitted at
    /// <see cref="ClusteringThreshold"/> on held-out names (issue 15); null when not calibrated (older checkpoints).
    /// </summary>
    public SplitProbability? SplitProbability { get; init; }

    /// <summary>Least <see cref="SplitProbability"/> for a split to be applied (the calibration's setting); null with it.</summary>
    public double? MinSplitProbability { get; init; }

    /// <summary>
    /// The alias decision calibrated for this model (issue 17) by <c>disambig eval</c>, so that a checkpoint registered
    /// from disk proposes aliases at its own threshold; null when not calibrated (the pipeline's configured fallback).
    /// </summary>
    public CalibratedAliasModel? Aliases { get; init; }

    /// <summary>Lower-case hex SHA-256 of <c>model.bin</c>; filled in by <see cref="ModelCheckpointStore.SaveAsync"/>.</summary>
    public string WeightsSha256 { get; init; } = "";

    /// <summary>Length of <c>model.bin</c> in bytes; filled in on save.</summary>
    public long WeightsLength { get; init; }

    public DateTimeOffset CreatedUtc { get; init; }
}

/// <summary>
/// A calibrated alias decision as a checkpoint's metadata keeps it (the values of <c>Disambig.Aliases.AliasModel</c>).
/// </summary>
/// <param name="Threshold">Cosine distance between entity centroids under which a merge is proposed.</param>
/// <param name="Calibration">Platt map of the distance (or of its logarithm) to P(same artist).</param>
/// <param name="LowEvidenceCap">Highest probability of a pair with an entity of one or two tracks.</param>
/// <param name="LogDistance">Whether <paramref name="Calibration"/> takes ln(distance).</param>
public sealed record CalibratedAliasModel(double Threshold, PlattScaling Calibration, double LowEvidenceCap, bool LogDistance);
