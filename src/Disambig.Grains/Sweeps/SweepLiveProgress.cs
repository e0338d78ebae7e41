namespace Disambig.Grains.Sweeps;

/// <summary>
/// What a sweep's coordinator knows, in memory, of its running partitions: the latest progress each one pushed
/// (<see cref="ISweepGrain.PartitionProgressed"/>) or answered to a poll. Progress is then read without asking any
/// partition (O(running partitions), no call), so the dashboard's answer never waits behind sweep work. Display only:
/// a partition's counters count towards the sweep's totals when it completes (<see cref="SweepCoordinatorBook.CompletePartition"/>).
/// </summary>
public sealed class SweepLiveProgress
{
    private readonly Dictionary<int, SweepPartitionProgress> _running = [];

    /// <summary>Partitions with a report held.</summary>
    public int Count => _running.Count;

    /// <summary>
    /// Takes a partition's pushed report unless it is older than the one held: one-way pushes may arrive out of order,
    /// so a report with fewer names finished than the held one is dropped (a poll's answer replaces it, see
    /// <see cref="Replace"/>). Reports of partitions not running (completed, or not started by this coordinator) and
    /// completion reports are dropped: the completion path counts those.
    /// </summary>
    /// <returns>True when taken.</returns>
    public bool Push(SweepPartitionProgress report, IReadOnlyCollection<int> running)
    {
        if (report.State is SweepState.Completed or SweepState.NotStarted || !running.Contains(report.Partition)) return false;
        if (_running.TryGetValue(report.Partition, out var held) && report.Counters.NamesFinished < held.Counters.NamesFinished) return false;
        _running[report.Partition] = report;
        return true;
    }

    /// <summary>Takes a partition's answer to a poll or a start (fresh, so it replaces what is held); a completed one is forgotten.</summary>
    public void Replace(SweepPartitionProgress report)
    {
        if (report.State is SweepState.Completed or SweepState.NotStarted) _running.Remove(report.Partition);
        else _running[report.Partition] = report;
    }

    /// <summary>Forgets a partition (completed and counted, or no longer running).</summary>
    public void Remove(int partition) => _running.Remove(partition);

    /// <summary>
    /// The completed partitions' counters plus the held reports of those still <paramref name="running"/>, the names
    /// in flight, and whether any of them waits for an inference silo.
    /// </summary>
    public (SweepCounters Counters, int NamesInFlight, bool Waiting) Sum(SweepCounters completed, IReadOnlyCollection<int> running)
    {
        var counters = completed.Copy();
        var inFlight = 0;
        var waiting = false;
        foreach (var partition in running)
        {
            if (!_running.TryGetValue(partition, out var report)) continue;
            counters.Add(report.Counters);
            inFlight += report.NamesInFlight;
            waiting |= report.State == SweepState.WaitingForInference;
        }
        return (counters, inFlight, waiting);
    }
}
