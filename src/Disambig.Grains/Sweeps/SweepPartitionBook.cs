namespace Disambig.Grains.Sweeps;

/// <summary>
/// Where a partition's walk is: the last catalog name taken (catalog walk), or the next plan chunk and line (name list).
/// </summary>
[GenerateSerializer, Immutable, Alias("Disambig.SweepPosition")]
public sealed record SweepPosition([property: Id(0)] string? LastName, [property: Id(1)] int PlanChunk, [property: Id(2)] int PlanLine)
{
    public static SweepPosition Start { get; } = new(null, 0, 0);
}

/// <summary>A name of the partition's source and the position just after it.</summary>
public readonly record struct SourceName(string Name, SweepPosition After);

/// <summary>
/// What a sweep partition persists, and its bookkeeping. Bounded whatever the catalog's size: the walk's position, the
/// names in flight (at most the window, plus outcomes waiting for their flush), the counters of the flushed outcomes,
/// and how many result chunks are flushed. Outcomes themselves live in the result chunks.
/// </summary>
/// <remarks>
/// Exactly once: an outcome counts when its chunk is flushed and the book is written with the chunk count and the
/// counters (<see cref="CommitFlush"/>): both or neither survive a lost activation. A chunk written but not committed
/// is rewritten under the same index by the next flush, since its names are still in flight and are asked again.
/// </remarks>
[GenerateSerializer, Alias("Disambig.SweepPartitionBook")]
public sealed class SweepPartitionBook
{
    [Id(0)] public SweepState State { get; set; }

    /// <summary>What the coordinator started the partition with; null before.</summary>
    [Id(1)] public SweepPartitionStart? Start { get; set; }

    /// <summary>Names before this position have been taken into flight.</summary>
    [Id(2)] public SweepPosition Position { get; set; } = SweepPosition.Start;

    /// <summary>True once the source gave no further name.</summary>
    [Id(3)] public bool SourceDone { get; set; }

    /// <summary>Names taken and not yet counted (running, or recorded and waiting for the flush).</summary>
    [Id(4)] public List<string> InFlight { get; set; } = [];

    /// <summary>Counts of the flushed outcomes.</summary>
    [Id(5)] public SweepCounters Counters { get; set; } = new();

    /// <summary>Result chunks flushed: <c>chunk-0</c> to <c>chunk-(Chunks-1)</c>.</summary>
    [Id(6)] public int Chunks { get; set; }

    /// <summary>Plan chunks of a name-list sweep.</summary>
    [Id(7)] public int PlanChunks { get; set; }

    /// <summary>Names in the plan chunks.</summary>
    [Id(8)] public int PlanNames { get; set; }

    /// <summary>Recorded outcomes not yet flushed, in arrival order (not persisted: lost ones are asked again).</summary>
    [NonSerialized] private List<NameOutcome> _pending = [];

    public IReadOnlyList<NameOutcome> Pending => _pending ??= [];

    /// <summary>Names in flight whose outcome is not recorded yet.</summary>
    public IEnumerable<string> Running => InFlight.Where(name => !Pending.Any(o => o.NameKey == name));

    /// <summary>How many names are running.</summary>
    public int RunningCount => InFlight.Count - Pending.Count;

    /// <summary>True when nothing is left to take, run or flush.</summary>
    public bool AllNamesDone => SourceDone && InFlight.Count == 0;

    /// <summary>Takes a name into flight and moves the position past it.</summary>
    public void Take(SourceName next)
    {
        Position = next.After;
        if (!InFlight.Contains(next.Name, StringComparer.Ordinal)) InFlight.Add(next.Name);
    }

    /// <summary>Records an outcome; false when its name is not in flight or already recorded (counted once however often reported).</summary>
    public bool Record(NameOutcome outcome)
    {
        _pending ??= [];
        if (!InFlight.Contains(outcome.NameKey, StringComparer.Ordinal) || _pending.Any(o => o.NameKey == outcome.NameKey)) return false;
        _pending.Add(outcome);
        return true;
    }

    /// <summary>The counters with the recorded but unflushed outcomes added (live progress).</summary>
    public SweepCounters LiveCounters()
    {
        var live = Counters.Copy();
        foreach (var outcome in Pending) live.Add(outcome);
        return live;
    }

    /// <summary>Counts the flushed <paramref name="flushed"/> (the first outcomes of <see cref="Pending"/>), once its chunk is written.</summary>
    public void CommitFlush(IReadOnlyList<NameOutcome> flushed)
    {
        _pending ??= [];
        foreach (var outcome in flushed)
        {
            Counters.Add(outcome);
            InFlight.Remove(outcome.NameKey);
        }
        _pending.RemoveRange(0, flushed.Count);
        Chunks++;
    }
}
