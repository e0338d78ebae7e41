namespace Disambig.Grains;

/// <summary>A training job.</summary>
/// <param name="Dataset">
/// The training catalog: a <c>catalog.jsonl</c> object in the datasets store whose tracks carry true artist ids; their
/// audio paths are relative to its folder.
/// </param>
/// <param name="ModelVersion">Version name of the model to produce.</param>
/// <param name="Steps">Training steps (batches). Range 1 to 1 000 000.</param>
/// <param name="Seed">Seed of every random draw: the same job gives the same weights.</param>
/// <param name="MakeCurrent">Whether the registered model becomes the current one.</param>
/// <param name="SegmentSeconds">
/// Segment length to train on, 9 (the paper's, the default) or 3; recorded in the checkpoint, so the silos that sweep
/// with the model cut its audio the same way.
/// </param>
[GenerateSerializer, Immutable, Alias("Disambig.TrainingJobRequest")]
public sealed record TrainingJobRequest(
    [property: Id(0)] string Dataset,
    [property: Id(1)] string ModelVersion,
    [property: Id(2)] int Steps,
    [property: Id(3)] ulong Seed,
    [property: Id(4)] bool MakeCurrent,
    [property: Id(5)] int SegmentSeconds = 9);

/// <summary>Where a training job is.</summary>
[GenerateSerializer, Alias("Disambig.TrainingJobState")]
public enum TrainingJobState
{
    NotStarted,
    Running,
    Completed,
    Failed,
}

/// <summary>A training job's progress.</summary>
/// <param name="JobId">The job (the trainer grain's key).</param>
/// <param name="State">Where it is.</param>
/// <param name="StepsDone">Steps finished.</param>
/// <param name="StepsTotal">Steps planned.</param>
/// <param name="Loss">Loss of the latest step, NaN before the first.</param>
/// <param name="Model">The registered model once completed.</param>
/// <param name="Error">Why it failed.</param>
[GenerateSerializer, Immutable, Alias("Disambig.TrainingJobStatus")]
public sealed record TrainingJobStatus(
    [property: Id(0)] string JobId,
    [property: Id(1)] TrainingJobState State,
    [property: Id(2)] int StepsDone,
    [property: Id(3)] int StepsTotal,
    [property: Id(4)] double Loss,
    [property: Id(5)] ModelVersionInfo? Model,
    [property: Id(6)] string? Error);

/// <summary>
/// One training job (key: job id), placed on a silo with the trainer role. Training runs as background work; the
/// checkpoint goes to the models store and the version is registered in <see cref="IModelRegistryGrain"/>.
/// </summary>
[Alias("Disambig.ITrainerGrain")]
public interface ITrainerGrain : IGrainWithStringKey
{
    /// <summary>Starts the job, or returns the status of the job already started under this id.</summary>
    [Alias("Start")]
    Task<TrainingJobStatus> Start(TrainingJobRequest request);

    /// <summary>The job's progress.</summary>
    [Alias("GetStatus")]
    Task<TrainingJobStatus> GetStatus();
}
