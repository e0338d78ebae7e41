using Orleans.Concurrency;

namespace Disambig.Grains;

/// <summary>What to sweep.</summary>
/// <param name="Names">
/// Name keys to disambiguate (at most <see cref="SweepLimits.MaxNamesPerCall"/>), added to those sent before by
/// <see cref="ISweepGrain.AddNames"/>; null for every name of the catalog.
/// </param>
[GenerateSerializer, Immutable, Alias("Disambig.SweepRequest")]
public sealed record SweepRequest([property: Id(0)] IReadOnlyList<string>? Names)
{
    public static SweepRequest FullCatalog { get; } = new((IReadOnlyList<string>?)null);

    /// <summary>A sweep of exactly the names sent before by <see cref="ISweepGrain.AddNames"/>.</summary>
    public static SweepRequest AddedNames { get; } = new([]);
}

/// <summary>One page of a sweep's recorded outcomes.</summary>
/// <param name="Outcomes">Outcomes of the page, partition by partition, in the order they were recorded.</param>
/// <param name="NextCursor">Cursor of the next page; null after the last outcome recorded so far.</param>
[GenerateSerializer, Immutable, Alias("Disambig.OutcomePage")]
public sealed record OutcomePage([property: Id(0)] IReadOnlyList<NameOutcome> Outcomes, [property: Id(1)] string? NextCursor);

/// <summary>
/// One sweep's coordinator (key: sweep id). The sweep's names are spread over partition grains
/// (<see cref="ISweepPartitionGrain"/>, one per catalog partition that has names); the coordinator starts them a few at a
/// time (as many as the cluster's window allows), holds their pushed counters for progress (no call per request), and
/// writes the report under <c>results/sweeps/</c> once every partition is done. Outcomes live in per-partition JSON
/// Lines blobs, read page by page.
/// </summary>
[Alias("Disambig.ISweepGrain")]
public interface ISweepGrain : IGrainWithStringKey
{
    /// <summary>
    /// Adds names to a sweep not yet started (at most <see cref="SweepLimits.MaxNamesPerCall"/> per call): each goes to
    /// its partition's plan. Send a long list in batches, then <see cref="Start"/> with <see cref="SweepRequest.AddedNames"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The sweep has started.</exception>
    [Alias("AddNames"), ResponseTimeout("00:02:00")]
    Task AddNames(IReadOnlyList<string> names);

    /// <summary>Starts the sweep with the current model; a sweep already started returns its progress unchanged.</summary>
    [Alias("Start"), ResponseTimeout("00:02:00")]
    Task<SweepProgress> Start(SweepRequest request);

    /// <summary>
    /// The live counts, answered from what the coordinator holds (the completed partitions' counters and the running
    /// ones' latest pushed progress, about a second old): no partition is asked, so the answer never waits behind sweep
    /// work. Asking also resumes a sweep whose activation was lost.
    /// </summary>
    [Alias("GetProgress"), AlwaysInterleave]
    Task<SweepProgress> GetProgress();

    /// <summary>
    /// A running partition pushes its progress (about once a second while it changes, <see cref="SweepProgressPush"/>);
    /// held in memory for <see cref="GetProgress"/>, never counted: a partition's counters count when it completes.
    /// </summary>
    [Alias("PartitionProgressed"), OneWay, AlwaysInterleave]
    Task PartitionProgressed(SweepPartitionProgress progress);

    /// <summary>The report once completed, else null.</summary>
    [Alias("GetReport")]
    Task<SweepReport?> GetReport();

    /// <summary>
    /// Up to <paramref name="limit"/> recorded outcomes after <paramref name="cursor"/> (null: from the first), read from
    /// the result blobs; with <paramref name="failuresOnly"/>, only names with a failed track or without a usable result.
    /// A page may hold fewer outcomes than asked while its <see cref="OutcomePage.NextCursor"/> is not null.
    /// </summary>
    /// <param name="limit">1 to <see cref="SweepLimits.MaxOutcomesPerPage"/>.</param>
    [Alias("ReadOutcomes"), AlwaysInterleave]
    Task<OutcomePage> ReadOutcomes(string? cursor, int limit, bool failuresOnly);

    /// <summary>A name tells its sweep it is done; forwarded to the name's partition (names of a partitioned sweep report to their partition directly).</summary>
    [Alias("NameCompleted"), OneWay]
    Task NameCompleted(NameOutcome outcome);

    /// <summary>A partition tells its coordinator it is done (also learnt by polling).</summary>
    [Alias("PartitionCompleted"), OneWay]
    Task PartitionCompleted(int partition, SweepCounters counters);
}

/// <summary>Where one sweep partition is.</summary>
/// <param name="Partition">The partition index.</param>
/// <param name="State">NotStarted, Running (or waiting for inference) or Completed.</param>
/// <param name="Counters">Outcomes recorded, flushed to the result blobs or about to be.</param>
/// <param name="NamesInFlight">Names started and not yet recorded (at most the partition's window).</param>
[GenerateSerializer, Immutable, Alias("Disambig.SweepPartitionProgress")]
public sealed record SweepPartitionProgress(
    [property: Id(0)] int Partition,
    [property: Id(1)] SweepState State,
    [property: Id(2)] SweepCounters Counters,
    [property: Id(3)] int NamesInFlight);

/// <summary>What a coordinator tells a partition when starting it.</summary>
/// <param name="Model">The model of the sweep.</param>
/// <param name="StartedAt">When the sweep started (the newer-result rule).</param>
/// <param name="Partitions">The catalog's partition count.</param>
/// <param name="NameList">True: walk the names added with <see cref="ISweepPartitionGrain.AddNames"/>; false: walk the catalog partition.</param>
/// <param name="PartitionsWithNames">The sweep's partitions that have names: they share the cluster's window.</param>
[GenerateSerializer, Immutable, Alias("Disambig.SweepPartitionStart")]
public sealed record SweepPartitionStart(
    [property: Id(0)] ModelRef Model,
    [property: Id(1)] DateTimeOffset StartedAt,
    [property: Id(2)] int Partitions,
    [property: Id(3)] bool NameList,
    [property: Id(4)] int PartitionsWithNames);

/// <summary>One page of a partition's outcomes.</summary>
/// <param name="Outcomes">The outcomes.</param>
/// <param name="Next">Where the next page starts (chunk, line), or null after the last flushed outcome.</param>
[GenerateSerializer, Immutable, Alias("Disambig.PartitionOutcomePage")]
public sealed record PartitionOutcomePage([property: Id(0)] IReadOnlyList<NameOutcome> Outcomes, [property: Id(1)] OutcomePosition? Next);

/// <summary>A position in a partition's result chunks.</summary>
[GenerateSerializer, Immutable, Alias("Disambig.OutcomePosition")]
public sealed record OutcomePosition([property: Id(0)] int Chunk, [property: Id(1)] int Line);

/// <summary>
/// One partition of a sweep (key: "{sweep id}/{partition}"): walks its catalog partition's names (or its share of a
/// name list) with a cursor, keeps at most its window of names in flight, counts outcomes as they arrive, and appends
/// them to JSON Lines chunks in the results store. Its state is bounded: cursor, names in flight, counters.
/// </summary>
[Alias("Disambig.ISweepPartitionGrain")]
public interface ISweepPartitionGrain : IGrainWithStringKey
{
    /// <summary>
    /// Adds names (all of this partition) to the plan of a name-list sweep, as one plan chunk; names already planned are
    /// skipped (a name sent twice, as by a streamed ingestion whose batches touch it twice, or a retried call, runs once).
    /// </summary>
    /// <returns>How many names were new to the plan.</returns>
    [Alias("AddNames")]
    Task<int> AddNames(IReadOnlyList<string> names);

    /// <summary>
    /// The names in the plan of a name-list sweep (each once, however often sent): what the partition will finish. The
    /// coordinator sums them when the sweep starts, so its total holds names whose <see cref="AddNames"/> answer was lost.
    /// </summary>
    [Alias("CountPlanned")]
    Task<int> CountPlanned();

    /// <summary>Starts walking; a partition already started is left as it is.</summary>
    [Alias("Start")]
    Task<SweepPartitionProgress> Start(SweepPartitionStart start);

    /// <summary>The partition's counts; asking also resumes it after a lost activation.</summary>
    [Alias("GetProgress"), AlwaysInterleave]
    Task<SweepPartitionProgress> GetProgress();

    /// <summary>A name of this partition tells it is done (also learnt by polling).</summary>
    [Alias("NameCompleted"), OneWay]
    Task NameCompleted(NameOutcome outcome);

    /// <summary>Up to <paramref name="limit"/> flushed outcomes from <paramref name="from"/> (null: the first).</summary>
    [Alias("ReadOutcomes"), AlwaysInterleave]
    Task<PartitionOutcomePage> ReadOutcomes(OutcomePosition? from, int limit, bool failuresOnly);
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

    /// <summary>Starts a sweep of the given names (at most <see cref="SweepLimits.MaxNamesPerCall"/>; more: <see cref="SweepClient.StartNamesSweepAsync"/>).</summary>
    [Alias("StartNamesSweep"), ResponseTimeout("00:02:00")]
    Task<SweepProgress> StartNamesSweep(IReadOnlyList<string> names);

    /// <summary>Registers a new name-list sweep and returns its id, not started: add its names, then start it.</summary>
    [Alias("NewNamesSweep")]
    Task<string> NewNamesSweep();

    /// <summary>
    /// The name-list sweep of an ingestion from <paramref name="origin"/> (its releases file): the one registered for it
    /// and not started yet, left by an earlier run of the same ingestion that failed before its sweep started, or else a
    /// new one registered for it. A rerun continues the interrupted ingestion's sweep: nothing stays registered and never started.
    /// </summary>
    /// <param name="origin">What the ingestion reads, the same on every run (for example the releases file's location).</param>
    [Alias("IngestionSweep")]
    Task<string> IngestionSweep(string origin);

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

/// <summary>Bounds of a sweep's messages.</summary>
public static class SweepLimits
{
    /// <summary>Most names in one <see cref="ISweepGrain.AddNames"/> call or one <see cref="SweepRequest"/>.</summary>
    public const int MaxNamesPerCall = 5_000;

    /// <summary>Most outcomes in one page of <see cref="ISweepGrain.ReadOutcomes"/>.</summary>
    public const int MaxOutcomesPerPage = 1_000;
}

/// <summary>Keys of a sweep's partition grains.</summary>
public static class SweepKeys
{
    /// <summary>The key of partition <paramref name="partition"/> of sweep <paramref name="sweepId"/>.</summary>
    public static string Partition(string sweepId, int partition) => $"{sweepId}/{partition}";

    /// <summary>Reads a key made by <see cref="Partition"/>.</summary>
    public static (string SweepId, int Partition) ParsePartition(string key)
    {
        var slash = key.LastIndexOf('/');
        if (slash <= 0 || !int.TryParse(key.AsSpan(slash + 1), out var partition) || partition < 0)
            throw new ArgumentException($"'{key}' is not a sweep partition key.", nameof(key));
        return (key[..slash], partition);
    }
}
