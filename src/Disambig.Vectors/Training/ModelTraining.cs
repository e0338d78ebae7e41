using Disambig.Audio;
using Disambig.Embedding.Checkpoints;
using Disambig.Embedding.Data;
using Disambig.Embedding.Networks;
using Disambig.Embedding.Training;

namespace Disambig.Vectors.Training;

/// <summary>What to train: the network, the settings (seed included), the segment length and the version to publish.</summary>
/// <param name="Version">Version id of the published model; null: made from the spec, segment length and time.</param>
public sealed record TrainingPlan(NetworkSpec Spec, TrainingConfig Config, int SegmentSeconds, string? Version = null);

/// <summary>A published model: its metadata as written to the models store and how training went.</summary>
public sealed record TrainedModel(CheckpointMetadata Metadata, TrainingResult Result);

/// <summary>
/// The one training workflow, shared by <c>disambig train</c> and the trainer silo: a network whose initial weights
/// come from the plan's seed (its own generator, <see cref="NetworkFactory.Create(NetworkSpec, long)"/>), RMSProp with
/// early stopping on the validation split's equal error rate (<see cref="EmbeddingTrainer"/>, which keeps CPU training
/// on the calling thread), then the best weights published with their provenance.
/// </summary>
public static class ModelTraining
{
    /// <summary>Name of the validation metric early stopping follows.</summary>
    public static string MetricName { get; } = new EqualErrorRateMetric().Name;

    /// <summary>The provenance recorded with a model trained on segments of <paramref name="segmentSeconds"/>.</summary>
    public static ModelProvenance Provenance(int segmentSeconds) => new(MelSettings.Paper, segmentSeconds, GitRevision.Current());

    /// <param name="plan">What to train.</param>
    /// <param name="data">Training and validation segments (artists of the validation split are not trained on).</param>
    /// <param name="models">Where the model is published.</param>
    /// <param name="checkpoints">Resumable run state (a rerun continues), or null for a run that starts over.</param>
    /// <param name="progress">Every step's progress.</param>
    /// <param name="time">Time of publication.</param>
    /// <param name="cancellationToken">Stops training (a resumable run keeps its last validation's state).</param>
    /// <exception cref="EmbeddingCollapsedException">The embeddings collapsed.</exception>
    public static async Task<TrainedModel> TrainAsync(
        TrainingPlan plan, DatasetSplit data, ModelCheckpointStore models, TrainingCheckpoints? checkpoints,
        IProgress<TrainingProgress>? progress, TimeProvider time, CancellationToken cancellationToken)
    {
        var config = plan.Config.Validate();
        using var network = NetworkFactory.Create(plan.Spec, config.Seed);
        var metric = new EqualErrorRateMetric();
        var result = await new EmbeddingTrainer(network, config, metric).TrainAsync(data, checkpoints, progress, cancellationToken);
        var now = time.GetUtcNow();
        var version = plan.Version ?? ModelVersion.Create(plan.Spec, plan.SegmentSeconds, now);
        var metrics = new Dictionary<string, double> { [metric.Name] = result.BestValidation, ["step"] = result.BestStep };
        var metadata = await models.SaveAsync(
            network, Provenance(plan.SegmentSeconds).Describe(version, plan.Spec, config, data.Training.Digest, metrics, now), cancellationToken);
        return new TrainedModel(metadata, result);
    }
}
