using Disambig.Grains.Hosting;
using Disambig.Grains.Sweeps;

namespace Disambig.Grains.Tests;

/// <summary>
/// The coordinator answers progress from the partitions' pushed reports, held in memory: no call per request, never
/// a partition counted twice (its counters count when it completes), never a late or reordered push taken back in.
/// </summary>
public sealed class SweepLiveProgressTests
{
    private static SweepCounters Counters(int names, int embedded = 0)
    {
        var counters = new SweepCounters { TracksEmbedded = embedded };
        if (names > 0) counters.Names[NameDecision.KeptWhole] = names;
        return counters;
    }

    private static SweepPartitionProgress Report(int partition, int names, SweepState state = SweepState.Running, int inFlight = 1) =>
        new(partition, state, Counters(names, embedded: 2 * names), inFlight);

    [Fact]
    public void Sum_AddsTheRunningPartitionsLatestPushesToTheCompletedCounters()
    {
        var live = new SweepLiveProgress();
        int[] running = [3, 7];

        Assert.True(live.Push(Report(3, names: 5, inFlight: 2), running));
        Assert.True(live.Push(Report(7, names: 4, state: SweepState.WaitingForInference, inFlight: 3), running));
        Assert.True(live.Push(Report(3, names: 6, inFlight: 1), running));
        var (counters, inFlight, waiting) = live.Sum(Counters(100, embedded: 1), running);

        Assert.Equal(110, counters.NamesFinished);
        Assert.Equal(1 + 12 + 8, counters.TracksEmbedded);
        Assert.Equal(4, inFlight);
        Assert.True(waiting);
    }

    [Fact]
    public void Push_OlderThanTheHeldOne_OrOfAPartitionNotRunning_OrCompleted_IsDropped()
    {
        var live = new SweepLiveProgress();
        int[] running = [3];

        live.Push(Report(3, names: 6), running);
        Assert.False(live.Push(Report(3, names: 5), running));
        Assert.False(live.Push(Report(4, names: 9), running));
        Assert.False(live.Push(Report(3, names: 8, state: SweepState.Completed), running));

        Assert.Equal(6, live.Sum(new SweepCounters(), running).Counters.NamesFinished);
    }

    [Fact]
    public void CompletedPartition_CountsOnlyThroughTheCompletedCounters_EvenIfAPushArrivesLate()
    {
        var live = new SweepLiveProgress();
        var running = new List<int> { 3 };
        live.Push(Report(3, names: 6), running);

        // The coordinator counts the completion (its counters join the completed ones) and forgets the live report.
        running.Remove(3);
        live.Remove(3);
        var late = live.Push(Report(3, names: 9), running);

        Assert.False(late);
        Assert.Equal(10, live.Sum(Counters(10), running).Counters.NamesFinished);
        Assert.Equal(0, live.Count);
    }

    [Fact]
    public void Replace_ByAPollAnswer_TakesItEvenWithFewerNames_AndForgetsACompletedOne()
    {
        var live = new SweepLiveProgress();
        int[] running = [3, 4];
        live.Push(Report(3, names: 6), running);
        live.Push(Report(4, names: 2), running);

        // A partition that lost its activation answers with its persisted (flushed) counters only.
        live.Replace(Report(3, names: 4));
        live.Replace(Report(4, names: 2, state: SweepState.Completed));

        Assert.Equal(4, live.Sum(new SweepCounters(), running).Counters.NamesFinished);
        Assert.Equal(1, live.Count);
    }

    [Fact]
    public void ProgressPush_IsDueWhenChangedAndTheIntervalPassed_Only()
    {
        var start = new DateTimeOffset(2026, 1, 2, 3, 0, 0, TimeSpan.Zero);
        var push = new SweepProgressPush(TimeSpan.FromSeconds(1));

        Assert.True(push.Due(Report(0, names: 1), start));
        Assert.False(push.Due(Report(0, names: 2), start.AddMilliseconds(500)));
        Assert.False(push.MayPush(start.AddMilliseconds(999)));
        Assert.False(push.Due(Report(0, names: 1), start.AddSeconds(5)));
        Assert.True(push.Due(Report(0, names: 2), start.AddSeconds(5)));
        Assert.True(push.Due(Report(0, names: 2, inFlight: 0), start.AddSeconds(6)));
    }

    [Fact]
    public void ProgressPush_Interval_IsAtMostASecond_AndFollowsAShorterWriteInterval()
    {
        Assert.Equal(TimeSpan.FromSeconds(1), SweepProgressPush.IntervalFor(new PipelineOptions { ProgressWriteInterval = TimeSpan.FromSeconds(2) }));
        Assert.Equal(TimeSpan.FromMilliseconds(200), SweepProgressPush.IntervalFor(new PipelineOptions { ProgressWriteInterval = TimeSpan.FromMilliseconds(200) }));
    }
}
