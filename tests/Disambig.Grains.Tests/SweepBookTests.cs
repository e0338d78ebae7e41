using Disambig.Grains.Sweeps;

namespace Disambig.Grains.Tests;

public sealed class SweepBookTests
{
    private static readonly ModelRef Model = new("m1", 0.5, 9);

    private static NameOutcome Outcome(string name, int embedded = 2, int cached = 1) =>
        new(name, NameDecision.KeptWhole, 1, embedded, cached, []);

    private static SourceName Catalog(string name) => new(name, new SweepPosition(name, 0, 0));

    [Fact]
    public void Record_SameNameTwice_CountsItOnceAndOnlyAfterItsFlush()
    {
        var book = new SweepPartitionBook();
        book.Take(Catalog("a"));
        book.Take(Catalog("b"));

        Assert.True(book.Record(Outcome("a")));
        Assert.False(book.Record(Outcome("a")));
        Assert.Equal(1, book.LiveCounters().NamesDone);
        Assert.Equal(0, book.Counters.NamesFinished);
        Assert.Equal(1, book.RunningCount);

        book.CommitFlush([.. book.Pending]);
        Assert.False(book.Record(Outcome("a")));
        Assert.Equal((1, 2, 1, 1), (book.Counters.NamesDone, book.Counters.TracksEmbedded, book.Chunks, book.InFlight.Count));
    }

    [Fact]
    public void Record_NameNotInFlight_IsIgnored()
    {
        var book = new SweepPartitionBook();
        book.Take(Catalog("a"));

        Assert.False(book.Record(Outcome("z")));
        Assert.Empty(book.Pending);
    }

    [Fact]
    public void CommitFlush_OfTheFirstPending_KeepsThoseRecordedDuringTheWrite()
    {
        var book = new SweepPartitionBook();
        foreach (var name in new[] { "a", "b", "c" }) book.Take(Catalog(name));
        book.Record(Outcome("a"));
        var flushing = book.Pending.ToList();
        book.Record(Outcome("b"));

        book.CommitFlush(flushing);

        Assert.Equal(["b"], book.Pending.Select(o => o.NameKey));
        Assert.Equal(["b", "c"], book.InFlight);
        Assert.Equal(1, book.Counters.NamesFinished);
    }

    [Fact]
    public void AllNamesDone_OnlyWhenTheSourceIsDoneAndEveryNameFlushed()
    {
        var book = new SweepPartitionBook();
        book.Take(Catalog("a"));
        book.SourceDone = true;
        Assert.False(book.AllNamesDone);
        book.Record(Outcome("a"));
        Assert.False(book.AllNamesDone);
        book.CommitFlush([.. book.Pending]);
        Assert.True(book.AllNamesDone);
        Assert.Equal(new SweepPosition("a", 0, 0), book.Position);
    }

    [Fact]
    public void Counters_CountEveryDecisionByValue_IncludingOnesAddedLater()
    {
        var counters = new SweepCounters();
        counters.Add(Outcome("a"));
        counters.Add(Outcome("b") with { Decision = NameDecision.NoUsableTracks, Failures = [new TrackFailure("t", "x.wav", TrackFailureReason.Corrupt, "bad")] });
        counters.Add(Outcome("c") with { Decision = (NameDecision)99 });

        Assert.Equal(3, counters.NamesFinished);
        Assert.Equal(1, counters.NamesFailed);
        Assert.Equal(2, counters.NamesDone);
        Assert.Equal(1, counters.Names[(NameDecision)99]);
        Assert.Equal(1, counters.FailedTracks[TrackFailureReason.Corrupt]);
        var sum = SweepCounters.Sum([counters, counters]);
        Assert.Equal((6, 2, 2), (sum.NamesFinished, sum.TracksFailed, sum.Names[(NameDecision)99]));
    }

    [Fact]
    public void Progress_FromCounters_GivesRateAndTimeLeft()
    {
        var counters = new SweepCounters();
        counters.Add(Outcome("a"));
        counters.Add(Outcome("b") with { Decision = NameDecision.NoUsableTracks });

        var progress = SweepProgress.From("s", SweepState.WaitingForInference, Model, 4, 1, counters, DateTimeOffset.UnixEpoch,
            DateTimeOffset.UnixEpoch.AddSeconds(10), null, 2);

        Assert.Equal((1, 1, 1), (progress.NamesDone, progress.NamesFailed, progress.NamesInFlight));
        Assert.Equal(0.2, progress.NamesPerSecond, 9);
        Assert.Equal(TimeSpan.FromSeconds(10), progress.EstimatedTimeLeft);
        Assert.Equal(1, progress.NamesByDecision[NameDecision.NoUsableTracks]);
    }

    [Fact]
    public void Coordinator_TakesPartitionsUpToTheActiveCountAndCountsEachCompletionOnce()
    {
        var book = new SweepCoordinatorBook();
        foreach (var partition in new[] { 7, 2, 5, 2 }) book.AddPartition(partition);
        Assert.Equal([2, 5, 7], book.Order);

        Assert.Equal([2, 5], book.TakePartitions(2));
        Assert.Empty(book.TakePartitions(2));
        var counters = new SweepCounters();
        counters.Add(Outcome("a"));
        Assert.True(book.CompletePartition(2, counters));
        Assert.False(book.CompletePartition(2, counters));
        Assert.False(book.CompletePartition(7, counters));
        Assert.Equal([7], book.TakePartitions(2));
        Assert.True(book.CompletePartition(5, new SweepCounters()));
        Assert.True(book.CompletePartition(7, new SweepCounters()));

        Assert.True(book.AllPartitionsDone);
        Assert.Equal(1, book.Completed.NamesFinished);
    }

    [Theory]
    [InlineData(16, 256, 1, 16)]
    [InlineData(16, 4, 4, 4)]
    [InlineData(4096, 256, 16, 256)]
    [InlineData(3, 30, 1, 3)]
    [InlineData(10, 3, 4, 2)]
    public void Windows_ShareTheClusterBudgetOverThePartitions(int budget, int partitions, int window, int active)
    {
        Assert.Equal((window, active), SweepWindows.For(budget, partitions));
    }

    [Fact]
    public async Task JsonLines_RoundTripOutcomesWithFailures_AndNameTheBlobOfABadLine()
    {
        NameOutcome[] outcomes =
        [
            Outcome("a") with { Failures = [new TrackFailure("t1", "a/1.wav", TrackFailureReason.TooShort, "too short\nreally")] },
            new NameOutcome("b\"quoted", NameDecision.NameFailed, 0, 0, 0, []) { FailureReason = "failed 3 attempts" },
        ];
        using var stream = new MemoryStream();
        SweepBlobs.WriteLines(stream, outcomes);
        stream.Position = 0;

        var read = await SweepBlobs.ReadLinesAsync<NameOutcome>(stream, "x.jsonl", CancellationToken.None);

        Assert.Equal(2, read.Count);
        Assert.Equal(outcomes[0].Failures, read[0].Failures);
        Assert.Equal(("b\"quoted", NameDecision.NameFailed, "failed 3 attempts"), (read[1].NameKey, read[1].Decision, read[1].FailureReason));
        var error = await Assert.ThrowsAsync<InvalidDataException>(() =>
            SweepBlobs.ReadLinesAsync<NameOutcome>(new MemoryStream("{\"nameKey\":\"a\"}\nnot json\n"u8.ToArray()), "bad.jsonl", CancellationToken.None));
        Assert.Contains("bad.jsonl", error.Message);
    }
}
