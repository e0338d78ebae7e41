using Orleans.Concurrency;

namespace Disambig.Grains;

/// <summary>What to sweep.</summary>
/// <param name="Names">Name keys to disambiguate; null for every name of the catalog.</param>
[GenerateSerializer, Immutable, Alias("Disambig.SweepRequest")]
public sealed record SweepRequest([property: Id(0)] IReadOnlyList<string>? Names)
{
    public static SweepRequest FullCatalog { get; } = new((IReadOnlyList<string>?)null);
}

/// <summary>
/// One sweep (key: sweep id): plans its names, runs them through a bounded sliding window, keeps resumable progress,
/// and writes its report under <c>results/sweeps/</c> when every name is done.
/// </summary>
[Alias("Disambig.ISweepGrain")]
public interface ISweepGrain : IGrainWithStringKey
{
    /// <summary>Starts the sweep with the current model; a sweep already started returns its progress unchanged.</summary>
    [Alias("Start"), ResponseTimeout("00:02:00")]
    Task<SweepProgress> Start(SweepRequest request);

    /// <summary>The live counts; asking also resumes a sweep whose activation was lost.</summary>
    [Alias("GetProgress"), AlwaysInterleave]
    Task<SweepProgress> GetProgress();

    /// <summary>The report once completed, else null.</summary>
    [Alias("GetReport")]
    Task<SweepReport?> GetReport();

    /// <summary>The outcomes of the names completed so far, in plan order (failures with reasons included).</summary>
    [Alias("GetOutcomes"), AlwaysInterleave]
    Task<IReadOnlyList<NameOutcome>> GetOutcomes();

    /// <summary>A name tells its sweep it is done (also learnt by polling, so a lost message costs only time).</summary>
    [Alias("NameCompleted"), OneWay]
    Task NameCompleted(NameOutcome outcome);
}

/// <summary>
/// Starts sweeps (key: "default"): the nightly full sweep (by a persistent reminder) and incremental sweeps after ingestion.
/// Starting a full sweep while one is running returns the running one.
/// </summary>
[Alias("Disambig.ISweepSchedulerGrain")]
public interface ISweepSchedulerGrain : IGrainWithStringKey
{
    /// <summary>Starts a full-catalog sweep, or returns the one still running.</summary>
    [Alias("StartFullSweep"), ResponseTimeout("00:02:00")]
    Task<SweepProgress> StartFullSweep();

    /// <summary>Starts a sweep of the given names (after an ingestion).</summary>
    [Alias("StartNamesSweep"), ResponseTimeout("00:02:00")]
    Task<SweepProgress> StartNamesSweep(IReadOnlyList<string> names);

    /// <summary>Registers (or moves) the persistent nightly reminder that starts a full sweep at <paramref name="timeOfDayUtc"/>.</summary>
    [Alias("ScheduleNightly")]
    Task ScheduleNightly(TimeSpan timeOfDayUtc);

    /// <summary>Ids of the sweeps started here, oldest first.</summary>
    [Alias("ListSweeps")]
    Task<IReadOnlyList<string>> ListSweeps();
}

/// <summary>Key of the one scheduler grain.</summary>
public static class SweepScheduler
{
    public const string DefaultKey = "default";
}
