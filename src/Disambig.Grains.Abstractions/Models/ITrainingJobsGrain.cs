namespace Disambig.Grains;

/// <summary>A training job as submitted: its id (the trainer grain's key), what was asked, and when.</summary>
/// <param name="JobId">The job, <see cref="ITrainerGrain"/>'s key.</param>
/// <param name="Request">The job's request.</param>
/// <param name="SubmittedAt">When it was first started.</param>
[GenerateSerializer, Immutable, Alias("Disambig.TrainingJobEntry")]
public sealed record TrainingJobEntry(
    [property: Id(0)] string JobId,
    [property: Id(1)] TrainingJobRequest Request,
    [property: Id(2)] DateTimeOffset SubmittedAt);

/// <summary>
/// The cluster's list of training jobs (key: "default"): every trainer grain adds its job when it starts, so jobs can
/// be listed without knowing their ids. The jobs' progress stays with each <see cref="ITrainerGrain"/>.
/// </summary>
[Alias("Disambig.ITrainingJobsGrain")]
public interface ITrainingJobsGrain : IGrainWithStringKey
{
    /// <summary>Records a job (a job already listed under the same id is kept as first recorded).</summary>
    [Alias("Add")]
    Task Add(TrainingJobEntry job);

    /// <summary>Every recorded job, oldest first.</summary>
    [Alias("List")]
    Task<IReadOnlyList<TrainingJobEntry>> List();
}

/// <summary>Key of the one job list grain.</summary>
public static class TrainingJobs
{
    public const string DefaultKey = "default";
}
