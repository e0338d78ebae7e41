using System.Text.Json;
using Disambig.Dashboard.Api;
using Disambig.Grains;

namespace Disambig.Dashboard.Tests;

public sealed class DashboardViewTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 2, 3, 0, 0, TimeSpan.Zero);
    private static readonly ModelRef Model = new("m1", 0.4, 9);

    private static SweepProgress Progress(SweepState state, int total, int done, int failed, int inFlight, double seconds) =>
        new("s1", state, Model, total, done, failed, inFlight, TracksEmbedded: 30, TracksCached: 10, TracksFailed: 2,
            Start, Start.AddSeconds(seconds), null);

    [Fact]
    public void SweepSummary_OfARunningSweep_GivesPercentThroughputAndEta()
    {
        var summary = SweepSummary.From(Progress(SweepState.Running, total: 10, done: 3, failed: 1, inFlight: 2, seconds: 8));

        Assert.Equal(40, summary.Percent);
        Assert.Equal(0.5, summary.NamesPerSecond);
        Assert.Equal(42 / 8.0, summary.TracksPerSecond);
        Assert.Equal(12, summary.EtaSeconds);
        Assert.Equal("Running", summary.State);
        Assert.Equal(new ModelView("m1", 0.4), summary.Model);
    }

    [Fact]
    public void SweepSummary_OfACompletedSweep_Is100PercentWithoutEta()
    {
        var summary = SweepSummary.From(Progress(SweepState.Completed, total: 0, done: 0, failed: 0, inFlight: 0, seconds: 5));

        Assert.Equal(100, summary.Percent);
        Assert.Null(summary.EtaSeconds);
    }

    [Fact]
    public void SweepSummary_BeforeAnyNameFinishes_HasNoEta()
    {
        var summary = SweepSummary.From(Progress(SweepState.Running, total: 10, done: 0, failed: 0, inFlight: 4, seconds: 3));

        Assert.Equal(0, summary.Percent);
        Assert.Null(summary.EtaSeconds);
    }

    [Fact]
    public void SweepDetail_FromCounters_ListsDecisionsAndFailureReasonsMostFrequentFirst()
    {
        var progress = Progress(SweepState.Running, 5, 1, 1, 1, 2) with
        {
            NamesByDecision = new Dictionary<NameDecision, int> { [NameDecision.KeptWhole] = 1, [NameDecision.NoUsableTracks] = 3, [NameDecision.Split] = 0 },
            TracksFailedByReason = new Dictionary<TrackFailureReason, int> { [TrackFailureReason.FileNotFound] = 1, [TrackFailureReason.Corrupt] = 2 },
        };

        var detail = SweepDetail.From(progress);

        Assert.Equal(["NoUsableTracks", "KeptWhole"], detail.NamesByDecision.Keys);
        Assert.Equal(["Corrupt", "FileNotFound"], detail.FailuresByReason.Keys);
        Assert.Equal([2, 1], detail.FailuresByReason.Values);
    }

    [Fact]
    public void OutcomePage_WithFailures_ListsThemPerNameAndMasksSecretsInMessages()
    {
        var outcomes = new[]
        {
            new NameOutcome("a", NameDecision.KeptWhole, 1, 2, 0,
            [
                new TrackFailure("t1", "x/1.mp3", TrackFailureReason.Corrupt, "read failed: AccountKey=abc123;"),
                new TrackFailure("t2", "x/2.mp3", TrackFailureReason.FileNotFound, "no audio object"),
            ]),
            new NameOutcome("b", NameDecision.NoUsableTracks, 0, 0, 0, [new TrackFailure("t3", "y/3.mp3", TrackFailureReason.Corrupt, "bad")]),
        };

        var page = OutcomePageView.From(new OutcomePage(outcomes, "0:1:0"));

        Assert.Equal(["a", "a", "b"], page.Failures.Select(f => f.NameKey));
        Assert.DoesNotContain("abc123", page.Failures[0].Message);
        Assert.Equal(["KeptWhole", "NoUsableTracks"], page.Names.Select(n => n.Decision));
        Assert.Equal("0:1:0", page.NextCursor);
    }

    [Fact]
    public void NameView_JoinsEntitiesWithTrackDetails_ListingAlbumsInTrackOrderAndYearsAscending()
    {
        var result = new NameResult("bill evans", "Bill Evans", "s1", Model, NameDecision.Split, 0.9,
            [new EntityResult(1, ["t1", "t2", "t3"], 0.8) { Place = new EntityPlacement([0.6f, 0.8f], 0.05, 3) }, new EntityResult(2, ["t4"], 0.7)], [], Start);
        var tracks = new[]
        {
            new TrackRef("t1", "a/1.flac", new TrackDetails("One", "Blue", 1961)),
            new TrackRef("t2", "a/2.flac", new TrackDetails("Two", "Alpha", 1959)),
            new TrackRef("t3", "a/3.flac", new TrackDetails("Three", "Blue", 1961)),
            new TrackRef("t4", "b/4.flac"),
        };

        var view = NameView.From(result, tracks);

        Assert.Equal(["Blue", "Alpha"], view.Entities[0].Albums);
        Assert.Equal([1959, 1961], view.Entities[0].ReleaseYears);
        Assert.Equal(new TrackView("t2", "Two", "Alpha", 1959), view.Entities[0].Tracks[1]);
        Assert.Equal(new TrackView("t4", null, null, null), Assert.Single(view.Entities[1].Tracks));
        Assert.Empty(view.Entities[1].Albums);
        Assert.Equal("Split", view.Decision);

        // The API shows each entity's place in the embedding space as place: { centroid, spread, tracks }.
        var json = JsonSerializer.SerializeToElement(view, new JsonSerializerOptions(JsonSerializerDefaults.Web));
        var place = json.GetProperty("entities")[0].GetProperty("place");
        Assert.Equal([0.6f, 0.8f], place.GetProperty("centroid").EnumerateArray().Select(v => v.GetSingle()));
        Assert.Equal(0.05, place.GetProperty("spread").GetDouble());
        Assert.Equal(3, place.GetProperty("tracks").GetInt32());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("entities")[1].GetProperty("place").ValueKind);
    }

    [Fact]
    public void ModelsView_MarksTheCurrentVersion()
    {
        var old = new ModelVersionInfo("m0", 0.5, 32, Start, "imported", 9);
        var current = new ModelVersionInfo("m1", 0.4, 32, Start.AddDays(1), "job-1", 3);

        var view = ModelsView.From(current, [old, current]);

        Assert.Equal("m1", view.Current!.Version);
        Assert.Equal([false, true], view.Registered.Select(m => m.IsCurrent));
        Assert.Null(ModelsView.From(null, []).Current);
    }
}
