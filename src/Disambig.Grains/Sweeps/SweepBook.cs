namespace Disambig.Grains.Sweeps;

/// <summary>
/// What a sweep persists, and its bookkeeping: the planned names in order, how far the sliding window has advanced, the
/// names in flight, and one outcome per completed name (so a name reported twice is counted once).
/// </summary>
[GenerateSerializer, Alias("Disambig.SweepBook")]
public sealed class SweepBook
{
    [Id(0)] public SweepState State { get; set; }

    [Id(1)] public ModelRef? Model { get; set; }

    /// <summary>Name keys, sorted, without duplicates.</summary>
    [Id(2)] public List<string> Plan { get; set; } = [];

    /// <summary>Names before this index of <see cref="Plan"/> have been started.</summary>
    [Id(3)] public int NextIndex { get; set; }

    /// <summary>Names started and not completed.</summary>
    [Id(4)] public List<string> InFlight { get; set; } = [];

    /// <summary>Completed names.</summary>
    [Id(5)] public Dictionary<string, NameOutcome> Outcomes { get; set; } = new(StringComparer.Ordinal);

    [Id(6)] public DateTimeOffset StartedAt { get; set; }

    [Id(7)] public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>The report's object name in the results store, once written.</summary>
    [Id(8)] public string? ReportName { get; set; }

    /// <summary>Whether the sweep was asked for the whole catalog (the alias job then refreshes every entity).</summary>
    [Id(60)] public bool IsFullCatalog { get; set; }

    /// <summary>True when every planned name is completed.</summary>
    public bool AllNamesDone => NextIndex == Plan.Count && InFlight.Count == 0;

    /// <summary>Starts the book: the plan is sorted and deduplicated so that a resumed sweep walks the same order.</summary>
    public void Begin(ModelRef model, IEnumerable<string> names, DateTimeOffset now)
    {
        State = SweepState.Running;
        Model = model;
        Plan = names.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        StartedAt = now;
    }

    /// <summary>Moves the next names into flight until <paramref name="window"/> are in flight; returns them.</summary>
    public IReadOnlyList<string> TakeNext(int window)
    {
        var taken = new List<string>();
        while (InFlight.Count < window && NextIndex < Plan.Count)
        {
            var name = Plan[NextIndex++];
            if (Outcomes.ContainsKey(name)) continue;
            InFlight.Add(name);
            taken.Add(name);
        }
        return taken;
    }

    /// <summary>Records a completed name; false when it was already recorded or is not in flight.</summary>
    public bool Record(NameOutcome outcome)
    {
        if (Outcomes.ContainsKey(outcome.NameKey) || !InFlight.Remove(outcome.NameKey)) return false;
        Outcomes.Add(outcome.NameKey, outcome);
        return true;
    }

    /// <summary>The live counts; <paramref name="waiting"/> marks a running sweep paused for want of an inference silo.</summary>
    public SweepProgress Progress(string sweepId, bool waiting, DateTimeOffset now)
    {
        var outcomes = Outcomes.Values;
        var state = State == SweepState.Running && waiting ? SweepState.WaitingForInference : State;
        return new SweepProgress(sweepId, state, Model, Plan.Count,
            NamesDone: outcomes.Count(o => o.Decision is not (NameDecision.NoUsableTracks or NameDecision.NameFailed)),
            NamesFailed: outcomes.Count(o => o.Decision is NameDecision.NoUsableTracks or NameDecision.NameFailed),
            NamesInFlight: InFlight.Count,
            TracksEmbedded: outcomes.Sum(o => o.TracksEmbedded),
            TracksCached: outcomes.Sum(o => o.TracksCached),
            TracksFailed: outcomes.Sum(o => o.Failures.Count),
            StartedAt, CompletedAt ?? now, ReportName);
    }

    /// <summary>The outcomes recorded so far, in plan order.</summary>
    public IReadOnlyList<NameOutcome> CompletedOutcomes() =>
        Plan.Where(Outcomes.ContainsKey).Select(name => Outcomes[name]).ToList();

    /// <summary>The report of the finished sweep, names sorted.</summary>
    public SweepReport Report(string sweepId, DateTimeOffset completedAt) =>
        new(sweepId, Model!, StartedAt, completedAt, Progress(sweepId, waiting: false, completedAt) with { State = SweepState.Completed },
            Plan.Select(name => Outcomes[name]).ToList());
}
