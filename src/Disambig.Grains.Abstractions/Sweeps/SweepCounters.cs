namespace Disambig.Grains;

/// <summary>
/// A sweep's (or one partition's) counts of recorded outcomes: names per <see cref="NameDecision"/> (counted by enum
/// value, so a decision added later is counted too), and tracks embedded, cached and failed (per <see cref="TrackFailureReason"/>).
/// Constant size whatever the number of names.
/// </summary>
[GenerateSerializer, Alias("Disambig.SweepCounters")]
public sealed class SweepCounters
{
    /// <summary>Names recorded, per decision.</summary>
    [Id(0)] public Dictionary<NameDecision, int> Names { get; set; } = [];

    /// <summary>Failed tracks, per reason.</summary>
    [Id(1)] public Dictionary<TrackFailureReason, int> FailedTracks { get; set; } = [];

    [Id(2)] public int TracksEmbedded { get; set; }

    [Id(3)] public int TracksCached { get; set; }

    [Id(4)] public int TracksFailed { get; set; }

    /// <summary>Names recorded, whatever their decision.</summary>
    public int NamesFinished => Names.Values.Sum();

    /// <summary>Names recorded without a usable track or failed (<see cref="IsFailed"/>).</summary>
    public int NamesFailed => Names.Where(pair => IsFailed(pair.Key)).Sum(pair => pair.Value);

    /// <summary>Names recorded with a usable result (any decision but the failed ones).</summary>
    public int NamesDone => NamesFinished - NamesFailed;

    /// <summary>True for the decisions a sweep counts as failed names: no usable track, or the run failed on every attempt.</summary>
    public static bool IsFailed(NameDecision decision) => decision is NameDecision.NoUsableTracks or NameDecision.NameFailed;

    /// <summary>Counts one name's outcome.</summary>
    public void Add(NameOutcome outcome)
    {
        Names[outcome.Decision] = Names.GetValueOrDefault(outcome.Decision) + 1;
        TracksEmbedded += outcome.TracksEmbedded;
        TracksCached += outcome.TracksCached;
        TracksFailed += outcome.Failures.Count;
        foreach (var failure in outcome.Failures)
        {
            FailedTracks[failure.Reason] = FailedTracks.GetValueOrDefault(failure.Reason) + 1;
        }
    }

    /// <summary>Adds another set of counts to these.</summary>
    public void Add(SweepCounters other)
    {
        foreach (var (decision, count) in other.Names) Names[decision] = Names.GetValueOrDefault(decision) + count;
        foreach (var (reason, count) in other.FailedTracks) FailedTracks[reason] = FailedTracks.GetValueOrDefault(reason) + count;
        TracksEmbedded += other.TracksEmbedded;
        TracksCached += other.TracksCached;
        TracksFailed += other.TracksFailed;
    }

    /// <summary>A copy, to hand out while these go on counting.</summary>
    public SweepCounters Copy()
    {
        var copy = new SweepCounters();
        copy.Add(this);
        return copy;
    }

    /// <summary>The sum of <paramref name="counters"/>.</summary>
    public static SweepCounters Sum(IEnumerable<SweepCounters> counters)
    {
        var sum = new SweepCounters();
        foreach (var c in counters) sum.Add(c);
        return sum;
    }
}
