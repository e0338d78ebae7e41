using System.Collections.Concurrent;

namespace Disambig.Clustering.Tests;

/// <summary>Clustering's parallel loops stay on the scheduler that runs the clustering (a silo keeps them off the thread pool).</summary>
public sealed class ParallelLoopsTests
{
    [Fact]
    public async Task OnCurrentScheduler_InsideWorkOnAnotherScheduler_RunsEveryIterationOnThatScheduler()
    {
        var scheduler = new ConcurrentExclusiveSchedulerPair(TaskScheduler.Default, maxConcurrencyLevel: 2).ConcurrentScheduler;
        var schedulers = new ConcurrentBag<TaskScheduler>();

        await Task.Factory.StartNew(
            () => Parallel.For(0, 5_000, ParallelLoops.OnCurrentScheduler(CancellationToken.None), _ => schedulers.Add(TaskScheduler.Current)),
            CancellationToken.None, TaskCreationOptions.DenyChildAttach, scheduler);

        Assert.Equal(5_000, schedulers.Count);
        Assert.All(schedulers, current => Assert.Same(scheduler, current));
    }

    [Fact]
    public void OnCurrentScheduler_KeepsTheTokenAndTheDegree()
    {
        using var cancellation = new CancellationTokenSource();

        var options = ParallelLoops.OnCurrentScheduler(cancellation.Token, maxDegreeOfParallelism: 3);

        Assert.Equal(cancellation.Token, options.CancellationToken);
        Assert.Equal(3, options.MaxDegreeOfParallelism);
        Assert.Same(TaskScheduler.Default, options.TaskScheduler);
    }
}
