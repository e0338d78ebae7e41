namespace Disambig.Grains;

/// <summary>Where a sweep is.</summary>
[GenerateSerializer, Alias("Disambig.SweepState")]
public enum SweepState
{
    /// <summary>Never started under this id.</summary>
    NotStarted,

    /// <summary>Names are being disambiguated.</summary>
    Running,

    /// <summary>Running, but paused because no inference silo is up; resumes by itself.</summary>
    WaitingForInference,

    /// <summary>Every name is done and the report is written.</summary>
    Completed,
}

/// <summary>A sweep's live counts, as <c>disambig status</c> shows them.</summary>
/// <param name="SweepId">The sweep.</param>
/// <param name="State">Where it is.</param>
/// <param name="Model">The model version it embeds and clusters with; null before it starts.</param>
/// <param name="NamesTotal">Names planned.</param>
/// <param name="NamesDone">Names completed with at least one usable track.</param>
/// <param name="NamesFailed">Names completed without any usable track, or failed on every attempt.</param>
/// <param name="NamesInFlight">Names started and not yet completed (at most the window).</param>
/// <param name="TracksEmbedded">Tracks embedded from audio by this sweep.</param>
/// <param name="TracksCached">Tracks served from the vector cache.</param>
/// <param name="TracksFailed">Tracks without a vector.</param>
/// <param name="StartedAt">When the sweep started.</param>
/// <param name="UpdatedAt">When these counts were taken.</param>
/// <param name="ReportName">Name of the report object in the results store once completed.</param>
[GenerateSerializer, Immutable, Alias("Disambig.SweepProgress")]
public sealed record SweepProgress(
    [property: Id(0)] string SweepId,
    [property: Id(1)] SweepState State,
    [property: Id(2)] ModelRef? Model,
    [property: Id(3)] int NamesTotal,
    [property: Id(4)] int NamesDone,
    [property: Id(5)] int NamesFailed,
    [property: Id(6)] int NamesInFlight,
    [property: Id(7)] int TracksEmbedded,
    [property: Id(8)] int TracksCached,
    [property: Id(9)] int TracksFailed,
    [property: Id(10)] DateTimeOffset StartedAt,
    [property: Id(11)] DateTimeOffset UpdatedAt,
    [property: Id(12)] string? ReportName)
{
    /// <summary>Names finished per decision (every <see cref="NameDecision"/> value that occurred).</summary>
    [Id(40)] public IReadOnlyDictionary<NameDecision, int> NamesByDecision { get; init; } = new Dictionary<NameDecision, int>();

    /// <summary>Failed tracks per reason.</summary>
    [Id(41)] public IReadOnlyDictionary<TrackFailureReason, int> TracksFailedByReason { get; init; } = new Dictionary<TrackFailureReason, int>();

    /// <summary>Partitions the sweep's names are spread over (its partition grains).</summary>
    [Id(42)] public int Partitions { get; init; }

    /// <summary>The live counts of a sweep from its summed <paramref name="counters"/>.</summary>
    public static SweepProgress From(string sweepId, SweepState state, ModelRef? model, int namesTotal, int namesInFlight, SweepCounters counters,
        DateTimeOffset startedAt, DateTimeOffset updatedAt, string? reportName, int partitions) =>
        new(sweepId, state, model, Math.Max(namesTotal, counters.NamesFinished + namesInFlight), counters.NamesDone, counters.NamesFailed,
            namesInFlight, counters.TracksEmbedded, counters.TracksCached, counters.TracksFailed, startedAt, updatedAt, reportName)
        {
            NamesByDecision = new Dictionary<NameDecision, int>(counters.Names),
            TracksFailedByReason = new Dictionary<TrackFailureReason, int>(counters.FailedTracks),
            Partitions = partitions,
        };

    /// <summary>Names completed, usable or not.</summary>
    public int NamesFinished => NamesDone + NamesFailed;

    /// <summary>True once every name is done.</summary>
    public bool IsFinished => State == SweepState.Completed;

    /// <summary>Names finished per second since the start; 0 before any time has passed.</summary>
    public double NamesPerSecond
    {
        get
        {
            var seconds = (UpdatedAt - StartedAt).TotalSeconds;
            return seconds > 0 ? NamesFinished / seconds : 0;
        }
    }

    /// <summary>Time left at the rate so far; null before the first name finishes.</summary>
    public TimeSpan? EstimatedTimeLeft =>
        NamesPerSecond > 0 ? TimeSpan.FromSeconds((NamesTotal - NamesFinished) / NamesPerSecond) : null;
}
