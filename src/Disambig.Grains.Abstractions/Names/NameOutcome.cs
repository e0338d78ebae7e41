namespace Disambig.Grains;

/// <summary>The compact account of one name that a sweep keeps and reports.</summary>
/// <param name="NameKey">The name.</param>
/// <param name="Decision">What was decided.</param>
/// <param name="EntityCount">Entities proposed (0 when no track was usable).</param>
/// <param name="TracksEmbedded">Tracks whose vector this sweep computed.</param>
/// <param name="TracksCached">Tracks whose vector came from an earlier sweep's cache.</param>
/// <param name="Failures">Tracks without a vector, with reasons.</param>
[GenerateSerializer, Immutable, Alias("Disambig.NameOutcome")]
public sealed record NameOutcome(
    [property: Id(0)] string NameKey,
    [property: Id(1)] NameDecision Decision,
    [property: Id(2)] int EntityCount,
    [property: Id(3)] int TracksEmbedded,
    [property: Id(4)] int TracksCached,
    [property: Id(5)] IReadOnlyList<TrackFailure> Failures)
{
    /// <summary>Why the name failed, for a <see cref="NameDecision.NameFailed"/> outcome; null otherwise.</summary>
    [Id(6)] public string? FailureReason { get; init; }

    /// <summary>
    /// For a big name: how many tracks failed, of which <see cref="Failures"/> lists only the first (so the outcome stays
    /// small); null when <see cref="Failures"/> lists them all.
    /// </summary>
    [Id(50)] public int? FailureCount { get; init; }

    /// <summary>Tracks of the name without a vector, listed or not.</summary>
    public int TracksFailed => FailureCount ?? Failures.Count;
}

/// <summary>Where a name's run in a sweep is.</summary>
[GenerateSerializer, Alias("Disambig.NameRunState")]
public enum NameRunState
{
    /// <summary>Tracks are being embedded or clustered.</summary>
    Running,

    /// <summary>No inference silo is up; the name waits and resumes on its own.</summary>
    WaitingForInference,

    /// <summary>Done; see the outcome.</summary>
    Completed,

    /// <summary>
    /// The answer to a <see cref="NameRunRequest.CheckOnly"/> ask when the name is not unchanged: it must run, and
    /// nothing was started (the sweep starts it when its window has room).
    /// </summary>
    MustRun,
}

/// <summary>The answer to <see cref="IArtistNameGrain.Disambiguate"/>.</summary>
[GenerateSerializer, Immutable, Alias("Disambig.NameRunStatus")]
public sealed record NameRunStatus(
    [property: Id(0)] string NameKey,
    [property: Id(1)] string SweepId,
    [property: Id(2)] NameRunState State,
    [property: Id(3)] NameOutcome? Outcome);

/// <summary>A sweep's request to disambiguate one name.</summary>
/// <param name="SweepId">The sweep; the name reports back to it.</param>
/// <param name="Model">The model every vector of the name is embedded with.</param>
/// <param name="SweepStartedAt">When the sweep started: a name's result is replaced only by a sweep started later.</param>
[GenerateSerializer, Immutable, Alias("Disambig.NameRunRequest")]
public sealed record NameRunRequest([property: Id(0)] string SweepId, [property: Id(1)] ModelRef Model, [property: Id(2)] DateTimeOffset SweepStartedAt = default)
{
    /// <summary>The sweep partition that started the name and hears its outcome (null: the sweep's coordinator, which forwards it).</summary>
    [Id(40)] public int? Partition { get; init; }

    /// <summary>
    /// Only check whether the name is unchanged (same model and audio as its result): answer its
    /// <see cref="NameDecision.Unchanged"/> outcome at once when it is, else <see cref="NameRunState.MustRun"/> without
    /// starting anything. Lets a sweep check many names at once while its window bounds only the names that run.
    /// </summary>
    [Id(41)] public bool CheckOnly { get; init; }

    /// <summary>
    /// True on the sweep partition's first question that may start the name's run (false on its polls): no run of this
    /// sweep began before as far as the partition knows, so a name with no run on record tells its tracks they have no
    /// state yet (<see cref="TrackEmbedRequest.NewTrack"/>). A partition lost before it wrote its position may ask a
    /// name first again after a run of up to <c>SweepFlushInterval</c> was lost with it: its tracks' first writes then
    /// find their states (read, and kept).
    /// </summary>
    [Id(110)] public bool FirstStart { get; init; }
}
