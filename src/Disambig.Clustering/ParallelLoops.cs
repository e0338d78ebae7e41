namespace Disambig.Clustering;

/// <summary>The options of this library's parallel loops.</summary>
public static class ParallelLoops
{
    /// <summary>
    /// Options whose loop runs on the scheduler of the caller's task: a silo runs long clustering on threads of its own,
    /// off the .NET thread pool (<c>CpuWorkScheduler</c>), and a loop must stay there. Without a scheduler set, .NET's
    /// <see cref="Parallel"/> runs the loop's other workers on the thread pool whatever the caller's scheduler.
    /// </summary>
    /// <param name="cancellationToken">Stops the loop.</param>
    /// <param name="maxDegreeOfParallelism">Most workers at once; -1 (the default) for as many as the scheduler runs.</param>
    public static ParallelOptions OnCurrentScheduler(CancellationToken cancellationToken, int maxDegreeOfParallelism = -1) => new()
    {
        CancellationToken = cancellationToken,
        MaxDegreeOfParallelism = maxDegreeOfParallelism,
        TaskScheduler = TaskScheduler.Current,
    };
}
