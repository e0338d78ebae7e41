using Disambig.Grains.Sweeps;

namespace Disambig.Grains.Tests;

public sealed class SweepBookTests
{
    private static readonly ModelRef Model = new("m1", 0.5, 9);

    private static NameOutcome Outcome(string name, int embedded = 2, int cached = 1) =>
        new(name, NameDecision.KeptWhole, 1, embedded, cached, []);

    [Fact]
    public void TakeNext_WithWindowOfTwo_NeverPutsMoreThanTwoNamesInFlight()
    {
        var book = new SweepBook();
        book.Begin(Model, ["c", "a", "b", "a", "d"], DateTimeOffset.UnixEpoch);
        Assert.Equal(["a", "b"], book.TakeNext(2));
        Assert.Empty(book.TakeNext(2));
        Assert.True(book.Record(Outcome("a")));
        Assert.Equal(["c"], book.TakeNext(2));
        Assert.Equal(["b", "c"], book.InFlight);
    }

    [Fact]
    public void Record_SameNameTwice_CountsItOnce()
    {
        var book = new SweepBook();
        book.Begin(Model, ["a", "b"], DateTimeOffset.UnixEpoch);
        book.TakeNext(2);
        Assert.True(book.Record(Outcome("a")));
        Assert.False(book.Record(Outcome("a")));
        var progress = book.Progress("s", waiting: false, DateTimeOffset.UnixEpoch.AddSeconds(2));
        Assert.Equal(1, progress.NamesDone);
        Assert.Equal(2, progress.TracksEmbedded);
        Assert.Equal(1, progress.NamesInFlight);
    }

    [Fact]
    public void Record_NameNotInFlight_IsIgnored()
    {
        var book = new SweepBook();
        book.Begin(Model, ["a", "b"], DateTimeOffset.UnixEpoch);
        book.TakeNext(1);
        Assert.False(book.Record(Outcome("b")));
        Assert.False(book.Record(Outcome("z")));
    }

    [Fact]
    public void Progress_AfterHalfTheNamesInTenSeconds_GivesRateAndTimeLeft()
    {
        var book = new SweepBook();
        book.Begin(Model, ["a", "b", "c", "d"], DateTimeOffset.UnixEpoch);
        book.TakeNext(4);
        book.Record(Outcome("a"));
        book.Record(Outcome("b") with { Decision = NameDecision.NoUsableTracks });
        var progress = book.Progress("s", waiting: true, DateTimeOffset.UnixEpoch.AddSeconds(10));
        Assert.Equal(SweepState.WaitingForInference, progress.State);
        Assert.Equal(1, progress.NamesDone);
        Assert.Equal(1, progress.NamesFailed);
        Assert.Equal(0.2, progress.NamesPerSecond, 9);
        Assert.Equal(TimeSpan.FromSeconds(10), progress.EstimatedTimeLeft);
    }

    [Fact]
    public void Report_WhenAllNamesDone_ListsThemInPlanOrder()
    {
        var book = new SweepBook();
        book.Begin(Model, ["b", "a"], DateTimeOffset.UnixEpoch);
        book.TakeNext(5);
        book.Record(Outcome("b"));
        book.Record(Outcome("a"));
        Assert.True(book.AllNamesDone);
        var report = book.Report("s", DateTimeOffset.UnixEpoch.AddSeconds(1));
        Assert.Equal(["a", "b"], report.Names.Select(n => n.NameKey));
        Assert.Equal(SweepState.Completed, report.Progress.State);
    }
}
