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
    public void Sweep_WithCorruptMissingAndTooShortTracks_RecordsTypedFailuresAndCompletesTheirName()
    {
        ResultAssert.PoisonTracksFailedByType(fixture.Catalog, fixture.BaselineResults);
        Assert.Equal(3, fixture.BaselineReport.Failures.Count());
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
        Assert.Equal(0, report.Progress.TracksEmbedded);
        // Nothing changed since the baseline: every name is skipped by its fingerprint, without asking its tracks.
        Assert.All(report.Names, name => Assert.Equal(NameDecision.Unchanged, name.Decision));
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
