using Disambig.Clustering.Metrics;
using Disambig.Grains.Tests.Fixtures;

namespace Disambig.Grains.Tests;

[Collection(PipelineCollection.Name)]
public sealed class SweepTests(PipelineFixture fixture)
{
    [Fact]
    public void Sweep_OfDemoCatalog_SplitsEveryHomonymNameByTrueArtist()
    {
        foreach (var name in fixture.Catalog.HomonymNames)
        {
            var result = fixture.BaselineResults[name];
            Assert.Equal(NameDecision.Split, result.Decision);
            var tracks = result.Entities.SelectMany(entity => entity.TrackIds).ToList();
            var truth = tracks.Select(fixture.Catalog.TrueArtistOf).ToList();
            var truthLabels = tracks.Select(t => truth.Distinct().ToList().IndexOf(fixture.Catalog.TrueArtistOf(t))).ToArray();
            var predicted = tracks.Select(t => result.EntityOf(t)!.Value).ToArray();
            Assert.Equal(1.0, AdjustedRandIndex.Compute(truthLabels, predicted), 6);
        }
    }

    [Fact]
    public void Sweep_OfDemoCatalog_KeepsSingleArtistNamesWhole()
    {
        var homonyms = fixture.Catalog.HomonymNames.ToHashSet();
        var single = fixture.BaselineResults.Where(pair => !homonyms.Contains(pair.Key)).ToList();
        Assert.NotEmpty(single);
        Assert.All(single, pair => Assert.Equal(NameDecision.KeptWhole, pair.Value.Decision));
    }

    [Fact]
    public void Sweep_WithCorruptMissingAndTooShortTracks_RecordsTypedFailuresAndCompletesTheirName()
    {
        var result = fixture.BaselineResults[fixture.Catalog.PoisonedName];
        var reasons = result.Failures.ToDictionary(f => f.TrackId, f => f.Reason);
        Assert.Equal(TrackFailureReason.NotMedia, reasons[DemoCatalog.CorruptTrackId]);
        Assert.Equal(TrackFailureReason.FileNotFound, reasons[DemoCatalog.MissingTrackId]);
        Assert.Equal(TrackFailureReason.TooShort, reasons[DemoCatalog.TooShortTrackId]);
        Assert.All(result.Failures, failure => Assert.Contains(failure.AudioPath, failure.ToString()));
        Assert.NotEmpty(result.Entities);
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
    public async Task Resweep_WithSameModel_EmbedsNothingNewAndGivesIdenticalResults()
    {
        var report = await fixture.Baseline.SweepAsync("resweep");
        Assert.Equal(0, report.Progress.TracksEmbedded);
        Assert.Equal(fixture.Catalog.Tracks.Count, report.Progress.TracksCached);
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
