namespace Disambig.Audio.Tests;

/// <summary>
/// Issue 14, seventh round: the last tracks of a burst go into as many processes as there are slots free or about to be
/// free, so that they do not run alone on one core at the end; a run that has barely started does not count.
/// </summary>
public sealed class DrainSplitTests
{
    private static readonly TimeSpan Ended = TimeSpan.FromMilliseconds(560); // the ended run: 4 tracks in 0.56 s

    [Fact]
    public void Runs_OtherRunStartedWithTheEndedOne_SplitsTheLastBatchOverBothSlots()
    {
        var runs = DrainSplit.Runs(waiting: 4, freeSlots: 1, Ended, endedTracks: 4, [new(TimeSpan.FromMilliseconds(540), 4)]);

        Assert.Equal(2, runs);
    }

    [Fact]
    public void Runs_OtherRunJustStarted_KeepsTheLastBatchInOneProcess()
    {
        var runs = DrainSplit.Runs(waiting: 4, freeSlots: 1, Ended, endedTracks: 4, [new(TimeSpan.FromMilliseconds(20), 4)]);

        Assert.Equal(1, runs);
    }

    [Fact]
    public void Runs_ComparesTimePerTrack_ALargerRunNeedsLongerToCountAsEndingSoon()
    {
        // Half of the ended run's 140 ms per track: 280 ms for a run of 4, 560 ms for a run of 8.
        Assert.Equal(2, DrainSplit.Runs(4, 1, Ended, 4, [new(TimeSpan.FromMilliseconds(300), 4)]));
        Assert.Equal(1, DrainSplit.Runs(4, 1, Ended, 4, [new(TimeSpan.FromMilliseconds(300), 8)]));
    }

    [Fact]
    public void Runs_NeverMoreProcessesThanTracks()
    {
        var soon = Enumerable.Repeat(new DrainSplit.Running(Ended, 4), 6).ToArray();

        Assert.Equal(3, DrainSplit.Runs(waiting: 3, freeSlots: 2, Ended, 4, soon));
        Assert.Equal(1, DrainSplit.Runs(waiting: 1, freeSlots: 2, Ended, 4, soon));
    }

    [Fact]
    public void Runs_FreeSlotsAlone_SpreadOverThem()
    {
        Assert.Equal(3, DrainSplit.Runs(waiting: 4, freeSlots: 3, Ended, 4, []));
        Assert.Equal(1, DrainSplit.Runs(waiting: 4, freeSlots: 0, Ended, 4, [])); // at least the slot the ended run freed
    }
}
