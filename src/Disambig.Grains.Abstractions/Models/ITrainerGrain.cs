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
/// <param name="Dimension">Embedding size d: 32 (default) or 256.</param>
/// <param name="ArtistsPerBatch">N: artists per batch, at most (fewer when fewer artists are trained on). Default 8.</param>
/// <param name="SamplesPerArtist">n: segments per artist and batch. Default 4.</param>
/// <param name="Validations">Validations (early-stopping checks) over the run's steps. Default 5.</param>
/// <param name="Patience">Validations without improvement before early stopping. Default 3.</param>
/// <param name="SideInformationP">p: probability of preferring a negative that shares a tag with the anchor. Default 0.</param>
/// <param name="HeldOutArtistShare">
/// Share of the catalog's artists held out from training (at least 4): the early-stopping validation, then the
/// calibration of the clustering threshold on names the model never saw. Default 0.25.
/// </param>
[GenerateSerializer, Immutable, Alias("Disambig.TrainingJobRequest")]
public sealed record TrainingJobRequest(
    [property: Id(0)] string Dataset,
    [property: Id(1)] string ModelVersion,
    [property: Id(2)] int Steps,
    [property: Id(3)] ulong Seed,
    [property: Id(4)] bool MakeCurrent,
    [property: Id(5)] int SegmentSeconds = 9,
    [property: Id(70)] int Dimension = 32,
    [property: Id(71)] int ArtistsPerBatch = 8,
    [property: Id(72)] int SamplesPerArtist = 4,
    [property: Id(73)] int Validations = 5,
    [property: Id(74)] int Patience = 3,
    [property: Id(75)] double SideInformationP = 0,
    [property: Id(76)] double HeldOutArtistShare = 0.25)
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        Require(Steps is >= 1 and <= 1_000_000, nameof(Steps), Steps, "1 to 1 000 000");
        Require(SegmentSeconds is 3 or 9, nameof(SegmentSeconds), SegmentSeconds, "3 or 9");
        Require(Dimension is 32 or 256, nameof(Dimension), Dimension, "32 or 256");
        Require(ArtistsPerBatch >= 2, nameof(ArtistsPerBatch), ArtistsPerBatch, "at least 2");
        Require(SamplesPerArtist >= 2, nameof(SamplesPerArtist), SamplesPerArtist, "at least 2");
        Require(Validations >= 1, nameof(Validations), Validations, "at least 1");
        Require(Patience >= 1, nameof(Patience), Patience, "at least 1");
        Require(SideInformationP is >= 0 and <= 1, nameof(SideInformationP), SideInformationP, "in [0, 1]");
        Require(HeldOutArtistShare is > 0 and < 1, nameof(HeldOutArtistShare), HeldOutArtistShare, "in (0, 1)");
    }

    private static void Require(bool valid, string name, object value, string range)
    {
        if (!valid) throw new ArgumentException($"Training job setting {name} must be {range}, got {value}.");
    }
}

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
