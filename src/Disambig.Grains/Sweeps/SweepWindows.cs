namespace Disambig.Grains.Sweeps;

/// <summary>How a cluster's window of names in flight is shared by a sweep's partitions.</summary>
public static class SweepWindows
{
    /// <summary>
    /// Each running partition keeps <c>Window</c> names in flight, and <c>Active</c> partitions run at once, so that about
    /// <paramref name="budget"/> names are in flight: with fewer partitions than the budget, every partition runs with a
    /// share of it; with more, a budget's worth run one name each and the others wait their turn.
    /// </summary>
    /// <param name="budget">Names in flight in the whole cluster (<see cref="Hosting.PipelineOptions.NameWindowFor"/>).</param>
    /// <param name="partitions">The sweep's partitions with names.</param>
    public static (int Window, int Active) For(int budget, int partitions)
    {
        budget = Math.Max(1, budget);
        if (partitions <= 0) return (budget, 0);
        var window = Math.Max(1, (budget + partitions - 1) / partitions);
        var active = Math.Clamp(budget / window, 1, partitions);
        return (window, active);
    }
}
