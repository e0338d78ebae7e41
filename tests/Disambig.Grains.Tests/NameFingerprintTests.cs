using Disambig.Grains.Names;

namespace Disambig.Grains.Tests;

/// <summary>The fingerprint of what produced a name's result, and the listings that check it.</summary>
public sealed class NameFingerprintTests
{
    private static readonly TrackRef[] Tracks = [new("t2", "rel-a/02.flac"), new("t1", "rel-a/01.flac"), new("t3", "rel-b/01.wav")];

    private static string Of(string model, Func<TrackRef, string?> etag, IEnumerable<TrackRef>? tracks = null) =>
        NameFingerprint.Of(model, tracks ?? Tracks, etag);

    [Fact]
    public void Of_SameModelAndAudioInAnyOrder_IsEqual()
    {
        Assert.Equal(Of("v1", t => $"e-{t.TrackId}"), Of("v1", t => $"e-{t.TrackId}", Tracks.Reverse()));
    }

    [Fact]
    public void Of_AnotherModelEtagTrackOrPath_Differs()
    {
        var same = Of("v1", t => $"e-{t.TrackId}");
        Assert.NotEqual(same, Of("v2", t => $"e-{t.TrackId}"));
        Assert.NotEqual(same, Of("v1", t => t.TrackId == "t3" ? "new" : $"e-{t.TrackId}"));
        Assert.NotEqual(same, Of("v1", t => t.TrackId == "t3" ? null : $"e-{t.TrackId}"));
        Assert.NotEqual(same, Of("v1", t => $"e-{t.TrackId}", Tracks.Append(new TrackRef("t4", "rel-b/02.wav"))));
        Assert.NotEqual(same, Of("v1", t => $"e-{t.TrackId}", Tracks.Select(t => t.TrackId == "t1" ? t with { AudioPath = "rel-c/01.flac" } : t)));
    }

    [Fact]
    public void OfRun_OfOutcomesWithTheirETags_EqualsTheFingerprintOfTheListedETags()
    {
        var outcomes = Tracks.Select(t => TrackOutcome.Vectorised(t.TrackId, [1f], cached: false) with { AudioETag = $"e-{t.TrackId}" }).ToList();
        Assert.Equal(Of("v1", t => $"e-{t.TrackId}"), NameFingerprint.OfRun("v1", Tracks, outcomes));
    }

    [Fact]
    public void OfRun_WithAFailureTriedAgainLater_IsNullSoTheNameIsNeverSkipped()
    {
        var outcomes = Tracks.Select(t => TrackOutcome.Vectorised(t.TrackId, [1f], cached: false) with { AudioETag = "e" }).ToList();
        outcomes[1] = TrackOutcome.Failed(new TrackFailure("t1", "rel-a/01.flac", TrackFailureReason.Timeout, "busy")) with { AudioETag = "e" };
        Assert.Null(NameFingerprint.OfRun("v1", Tracks, outcomes));

        outcomes[1] = TrackOutcome.Failed(new TrackFailure("t1", "rel-a/01.flac", TrackFailureReason.FileNotFound, "none"));
        Assert.NotNull(NameFingerprint.OfRun("v1", Tracks, outcomes));
    }

    [Fact]
    public void Listings_GroupTracksByReleaseFolder_OneListingPerFolderNarrowedToTheirCommonPrefix()
    {
        var listings = NameFingerprint.Listings(["r/a/02.flac", "r/a/01.flac", "r/b/x.wav", "root.wav", "r/a/01.flac"]);

        Assert.Equal(
            [new AudioListing("r/a/0", ["r/a/01.flac", "r/a/02.flac"]), new AudioListing("r/b/x.wav", ["r/b/x.wav"]), new AudioListing(null, ["root.wav"])],
            listings, new ListingComparer());
    }

    [Fact]
    public void IsUnchanged_OnlyForTheStoredFingerprintAndTheResultsModel()
    {
        var (model, state) = (Model, SweptState());
        var request = new NameRunRequest("s2", model);

        Assert.True(state.IsUnchanged(request, "f"));
        Assert.False(state.IsUnchanged(request, "g"));
        Assert.False(state.IsUnchanged(request with { Model = model with { Version = "v2" } }, "f"));
        Assert.False(state.MayBeUnchanged(request with { Model = model with { Version = "v2" } }));
        var (outcome, changed) = state.CompleteUnchanged(request, "n");
        Assert.Equal((NameDecision.Unchanged, 1), (outcome.Decision, outcome.EntityCount));
        // Nothing to write: the sweep's result chunks record the outcome; the state keeps the earlier sweep's.
        Assert.False(changed);
        Assert.Null(state.OutcomeOf("s2"));
    }

    [Fact]
    public void CompleteUnchanged_AfterAFailedAttemptOfTheSweep_ForgetsTheAttemptAndKeepsTheOutcome()
    {
        var state = SweptState();
        state.Attempts = new NameAttempts("s2", 1, "IOException: disk full");

        var (outcome, changed) = state.CompleteUnchanged(new NameRunRequest("s2", Model), "n");

        Assert.True(changed);
        Assert.Null(state.Attempts);
        Assert.Same(outcome, state.OutcomeOf("s2"));
    }

    private static readonly ModelRef Model = new("v1", 0.5, 9);

    /// <summary>A name whose result, of sweep s1 on <see cref="Model"/>, has the fingerprint "f".</summary>
    private static NameState SweptState() => new()
    {
        Result = new NameResult("n", "N", "s1", Model, NameDecision.KeptWhole, 1, [new EntityResult(1, ["t1"], 1)], [], DateTimeOffset.UnixEpoch),
        ResultFingerprint = "f",
    };

    private sealed class ListingComparer : IEqualityComparer<AudioListing>
    {
        public bool Equals(AudioListing? x, AudioListing? y) => x!.Prefix == y!.Prefix && x.Names.SequenceEqual(y.Names);

        public int GetHashCode(AudioListing obj) => obj.Prefix?.GetHashCode() ?? 0;
    }
}
