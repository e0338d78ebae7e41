using Disambig.Grains.Tests.Fixtures;

namespace Disambig.Grains.Tests;

[Collection(PipelineCollection.Name)]
public sealed class SweepTests(PipelineFixture fixture)
{
    [Fact]
    public void Sweep_OfDemoCatalog_SplitsEveryHomonymNameByTrueArtist() =>
        ResultAssert.HomonymsSplitByTrueArtist(fixture.Catalog, fixture.BaselineResults);

    [Fact]
    public void Sweep_OfDemoCatalog_KeepsSingleArtistNamesWhole() =>
        ResultAssert.SingleArtistNamesKeptWhole(fixture.Catalog, fixture.BaselineResults);

    [Fact]
    public async Task Sweep_WithCorruptMissingAndTooShortTracks_RecordsTypedFailuresAndCompletesTheirName()
    {
        ResultAssert.PoisonTracksFailedByType(fixture.Catalog, fixture.BaselineResults);
        var failures = (await fixture.Baseline.OutcomesAsync("baseline", failuresOnly: true)).SelectMany(o => o.Failures).ToList();
        Assert.Equal(3, failures.Count);
        Assert.Equal(failures.GroupBy(f => f.Reason).ToDictionary(g => g.Key, g => g.Count()).OrderBy(p => p.Key),
            fixture.BaselineReport.Progress.TracksFailedByReason.OrderBy(p => p.Key));
    }

    [Fact]
    public async Task Sweep_ResultChunks_HoldEachPlannedNameOnceAndAddUpToTheCounters()
    {
        var lines = await fixture.Baseline.ChunkFileOutcomesAsync("baseline");
        var progress = fixture.BaselineReport.Progress;

        Assert.Equal(progress.NamesTotal, lines.Count);
        Assert.Equal(fixture.Catalog.Entries.Select(e => e.NameKey).Distinct().Order(StringComparer.Ordinal), lines.Select(o => o.NameKey).Order(StringComparer.Ordinal));
        var recount = new SweepCounters();
        foreach (var outcome in lines) recount.Add(outcome);
        Assert.Equal((progress.NamesDone, progress.NamesFailed), (recount.NamesDone, recount.NamesFailed));
        Assert.Equal((progress.TracksEmbedded, progress.TracksCached, progress.TracksFailed), (recount.TracksEmbedded, recount.TracksCached, recount.TracksFailed));
        Assert.Equal(progress.NamesByDecision.OrderBy(p => p.Key), recount.Names.OrderBy(p => p.Key));
        Assert.Equal("sweeps/baseline/", fixture.BaselineReport.OutcomesPrefix);
    }

    [Fact]
    public async Task ReadOutcomes_InPagesOfTwo_GivesEveryOutcomeOnceAsOneBigPageDoes()
    {
        var small = await fixture.Baseline.OutcomesAsync("baseline", pageSize: 2);
        var big = await fixture.Baseline.OutcomesAsync("baseline", pageSize: SweepLimits.MaxOutcomesPerPage);

        Assert.Equal(big.Select(o => o.NameKey), small.Select(o => o.NameKey));
        Assert.Equal(fixture.BaselineReport.Progress.NamesTotal, small.Select(o => o.NameKey).Distinct().Count());
        var page = await fixture.Baseline.Client.GetGrain<ISweepGrain>("baseline").ReadOutcomes(null, 2, failuresOnly: false);
        Assert.True(page.Outcomes.Count <= 2);
        Assert.NotNull(page.NextCursor);
    }

    [Fact]
    public async Task ReadOutcomes_WithABadCursorOrLimit_FailsNamingIt()
    {
        var sweep = fixture.Baseline.Client.GetGrain<ISweepGrain>("baseline");

        var error = await Assert.ThrowsAsync<ArgumentException>(() => sweep.ReadOutcomes("not-a-cursor", 10, failuresOnly: false));
        Assert.Contains("not-a-cursor", error.Message);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => sweep.ReadOutcomes(null, SweepLimits.MaxOutcomesPerPage + 1, failuresOnly: false));
    }

    [Fact]
    public void Sweep_OfDemoCatalog_ReportsEveryTrackOnceAndWritesTheReport()
    {
        var progress = fixture.BaselineReport.Progress;
        Assert.Equal(fixture.Catalog.Entries.Count, progress.TracksEmbedded + progress.TracksCached + progress.TracksFailed);
        Assert.Equal(fixture.Catalog.Tracks.Count, progress.TracksEmbedded);
        Assert.Equal(progress.NamesTotal, progress.NamesDone);
        Assert.True(File.Exists(Path.Combine(fixture.Baseline.ResultsFolder, progress.ReportName!)));
    }

    [Fact]
    public async Task Resweep_WithSameModelAndAudio_EmbedsNothingSkipsEveryNameAndGivesIdenticalResults()
    {
        var report = await fixture.Baseline.SweepAsync("resweep");
        var reportNames = await fixture.Baseline.OutcomesAsync("resweep");
        Assert.Equal(0, report.Progress.TracksEmbedded);
        // Nothing changed since the baseline: every name is skipped by its fingerprint, without asking its tracks.
        Assert.All(reportNames, name => Assert.Equal(NameDecision.Unchanged, name.Decision));
        Assert.Equal(report.Progress.NamesTotal, report.Progress.NamesDone);
        ResultAssert.SameDisambiguation(fixture.BaselineResults, await fixture.Baseline.ResultsAsync());
    }

    [Fact]
    public async Task StartSweep_AlreadyRunningOrDone_ReturnsItInsteadOfStartingAgain()
    {
        var progress = await fixture.Baseline.Client.GetGrain<ISweepGrain>("baseline").Start(SweepRequest.FullCatalog);
        Assert.Equal(SweepState.Completed, progress.State);
        Assert.Equal(fixture.BaselineReport.Progress.TracksEmbedded, progress.TracksEmbedded);
    }
}
