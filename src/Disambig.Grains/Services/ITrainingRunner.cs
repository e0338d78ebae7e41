using Disambig.Grains;

namespace Disambig.Grains.Services;

/// <summary>A training step as reported to the trainer grain.</summary>
/// <param name="Step">Steps done.</param>
/// <param name="Loss">Loss of that step.</param>
public sealed record TrainingStep(int Step, double Loss);

/// <summary>Trains a model on a trainer silo and writes its checkpoint to the models store.</summary>
public interface ITrainingRunner
{
    /// <summary>Runs the job to the end (off the Orleans scheduler) and describes the checkpoint it wrote.</summary>
    Task<ModelVersionInfo> TrainAsync(string jobId, TrainingJobRequest request, IProgress<TrainingStep> progress, CancellationToken cancellationToken);
}
