using System.Collections.Concurrent;
using Disambig.Clustering;
using Disambig.Grains.Services;

namespace Disambig.Grains.Tests.Services;

/// <summary>A silo's long CPU work and the parallel loops inside it stay off the thread pool that grains and HTTP answers need.</summary>
public sealed class CpuWorkSchedulerTests
{
    [Fact]
    public async Task RunAsync_OfWorkWithAClusteringLoop_RunsEveryIterationOnItsOwnThreadsNeverOnThePool()
    {
        using var scheduler = new CpuWorkScheduler(threads: 2);
        var threads = new ConcurrentBag<(bool Pool, string? Name)>();

        var sum = await scheduler.RunAsync(() =>
        {
            var total = 0L;
            Parallel.For(0, 20_000, ParallelLoops.OnCurrentScheduler(CancellationToken.None), () => 0L, (i, _, partial) =>
            {
                threads.Add((Thread.CurrentThread.IsThreadPoolThread, Thread.CurrentThread.Name));
                return partial + i;
            }, partial => Interlocked.Add(ref total, partial));
            return total;
        }, CancellationToken.None);

        Assert.Equal(20_000L * 19_999 / 2, sum);
        Assert.Equal(20_000, threads.Count);
        Assert.DoesNotContain(threads, thread => thread.Pool);
        Assert.All(threads, thread => Assert.StartsWith("disambig-cpu-", thread.Name));
    }

    [Fact]
    public async Task RunAsync_OfAPrototypeClustering_GivesTheSameTreeAsOnThePool()
    {
        using var scheduler = new CpuWorkScheduler(threads: 2);
        var random = new Random(7);
        var set = VectorSet.FromRows([.. Enumerable.Range(0, 3_000).Select(i =>
            Enumerable.Range(0, 8).Select(_ => (float)random.NextDouble() + i % 3).ToArray())]);

        var here = await scheduler.RunAsync(() => ScalableWard.Compute(set, maxExactPoints: 200, seed: 3), CancellationToken.None);
        var onPool = await Task.Run(() => ScalableWard.Compute(set, maxExactPoints: 200, seed: 3));

        Assert.False(here.Exact);
        Assert.Equal(onPool.UnitOfPoint, here.UnitOfPoint);
        Assert.Equal(onPool.Linkage.Merges, here.Linkage.Merges);
    }

    [Fact]
    public async Task RunAsync_OfWorkThatThrows_FailsWithItsException()
    {
        using var scheduler = new CpuWorkScheduler(threads: 1);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            scheduler.RunAsync<int>(() => throw new InvalidOperationException("name 'bill evans': no vectors"), CancellationToken.None));

        Assert.Equal("name 'bill evans': no vectors", error.Message);
    }

    [Fact]
    public async Task RunAsync_CancelledBeforeItStarts_NeverRunsTheWork()
    {
        using var scheduler = new CpuWorkScheduler(threads: 1);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var ran = false;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => scheduler.RunAsync(() => ran = true, cancelled.Token));

        Assert.False(ran);
    }

    [Fact]
    public void New_WithoutThreads_IsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new CpuWorkScheduler(threads: 0));
}
