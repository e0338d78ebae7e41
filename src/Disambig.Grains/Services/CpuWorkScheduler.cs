using System.Collections.Concurrent;

namespace Disambig.Grains.Services;

/// <summary>
/// Runs a silo's long CPU work (clustering a name, building the alias index) on threads of its own, off the .NET
/// thread pool, where Orleans runs every grain turn and the HTTP host every request.
/// </summary>
/// <remarks>
/// Clustering a name of 50 000 tracks runs <c>Parallel.For</c> loops for seconds; on the pool their replicas take every
/// thread that frees up, so the silo's other grains and its HTTP answers waited seconds behind them (the progress API's
/// slow answers at 100 000 names). Here the work and the parallel loops inside it stay on these threads (the loops of
/// Disambig.Clustering and Disambig.Aliases run on their caller's scheduler: <c>ParallelLoops.OnCurrentScheduler</c>);
/// the operating system still shares the cores between them and the pool, so a pool thread never waits for a free
/// thread, only for its share of a core.
/// </remarks>
public sealed class CpuWorkScheduler : TaskScheduler, IDisposable
{
    [ThreadStatic] private static CpuWorkScheduler? s_owner;

    private readonly BlockingCollection<Task> _queue = new();
    private readonly Thread[] _threads;

    /// <param name="threads">Threads that run the work: the cores of the machine by default.</param>
    public CpuWorkScheduler(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        _threads = [.. Enumerable.Range(0, threads).Select(index => new Thread(Work) { IsBackground = true, Name = $"disambig-cpu-{index}" })];
        foreach (var thread in _threads) thread.Start();
    }

    /// <summary>Runs <paramref name="work"/> on this scheduler's threads; its parallel loops run there too.</summary>
    public Task<T> RunAsync<T>(Func<T> work, CancellationToken cancellationToken) =>
        Task.Factory.StartNew(work, cancellationToken, TaskCreationOptions.DenyChildAttach, this);

    /// <inheritdoc/>
    public override int MaximumConcurrencyLevel => _threads.Length;

    /// <inheritdoc/>
    protected override void QueueTask(Task task) => _queue.Add(task);

    /// <inheritdoc/>
    protected override IEnumerable<Task> GetScheduledTasks() => _queue.ToArray();

    /// <summary>Inline only on this scheduler's own threads (a parallel loop's caller running its replicas), never on a pool thread.</summary>
    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) =>
        ReferenceEquals(s_owner, this) && TryExecuteTask(task);

    private void Work()
    {
        s_owner = this;
        foreach (var task in _queue.GetConsumingEnumerable()) TryExecuteTask(task);
    }

    /// <summary>Takes no more work; the threads end once the queued work has run.</summary>
    public void Dispose() => _queue.CompleteAdding();
}
