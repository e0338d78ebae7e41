using Disambig.Grains.Hosting;
using Disambig.Grains.Names;

namespace Disambig.Grains.Tests;

public sealed class CuratedClusteringTests
{
    private static readonly CurationOptions Options = new() { ReopenRejectedSplitShare = 0.2, ConfidentFrom = 0.25 };
    private static readonly DateTimeOffset At = new(2026, 12, 4, 10, 0, 0, TimeSpan.Zero);
    private static readonly ModelRef Model = new("v1", 0.5, 9);

    private static (string, float[]) Track(string id, float x, float y)
    {
        var norm = MathF.Sqrt(x * x + y * y);
        return (id, [x / norm, y / norm]);
    }

    // Two artists far apart: a* near (1, 0), b* near (0, 1).
    private static readonly (string, float[])[] TwoArtists =
        [Track("a1", 1, 0), Track("b1", 0, 1), Track("a2", 1, 0.05f), Track("b2", 0.05f, 1)];

    private static (NameResult Result, NameCuration Curation) Sweep(
        string sweepId, IReadOnlyList<(string Id, float[] Vector)> tracks, NameResult? previous, NameCuration curation)
    {
        var outcomes = tracks.Select(t => new TrackOutcome(t.Id, TrackOutcomeKind.Cached, t.Vector, null)).ToList();
        var (result, _, curated, _) = NameResultBuilder.Build("x", "X", new NameRunRequest(sweepId, Model), outcomes, At, previous, curation, Options);
        return (result, curated);
    }

    private static (NameResult Result, NameCuration Curation) Decide(NameResult result, NameCuration curation, CurationRequest request, IEnumerable<string> trackIds)
    {
        var (answer, after) = NameDecisions.Apply("x", result, curation, request, [.. trackIds], At.AddHours(1));
        Assert.Null(answer.Message);
        return (answer.Result!, after);
    }

    [Fact]
    public void Sweep_ProposedSplit_AwaitsReviewWithStableIdsOnResweep()
    {
        var (first, curation) = Sweep("s1", TwoArtists, null, NameCuration.None);
        Assert.Equal(ReviewState.Awaiting, first.ReviewState);

        // The second sweep sees the b-artist's track first and a new track of each artist.
        (string, float[])[] more = [Track("b0", 0.02f, 1), .. TwoArtists, Track("a3", 1, 0.02f)];
        var (second, _) = Sweep("s2", more, first, curation);

        Assert.Equal(first.EntityOf("a1"), second.EntityOf("a3"));
        Assert.Equal(first.EntityOf("b1"), second.EntityOf("b0"));
        Assert.Equal(first.Entities.Select(e => e.Entity), second.Entities.Select(e => e.Entity));
    }

    [Fact]
    public void Sweep_AfterAcceptedSplit_KeepsItsEntitiesAndAddsNewTracksToTheNearestCentroid()
    {
        var (first, curation) = Sweep("s1", TwoArtists, null, NameCuration.None);
        // The curator moves a2 to the b-entity: the accepted entities now differ from what clustering would give.
        var (moved, afterMove) = Decide(first, curation, new CurationRequest(CurationAction.MoveTrack, "ana", "a2", first.EntityOf("b1")), TwoArtists.Select(t => t.Item1));

        var (second, after) = Sweep("s2", [.. TwoArtists, Track("a3", 1, 0.01f), Track("b3", 0.01f, 1)], moved, afterMove);

        Assert.Equal(ReviewState.Accepted, second.ReviewState);
        Assert.Equal("ana", second.Review!.DecidedBy);
        Assert.Equal(second.EntityOf("b1"), second.EntityOf("a2"));
        Assert.Equal(second.EntityOf("a1"), second.EntityOf("a3"));
        Assert.Equal(second.EntityOf("b1"), second.EntityOf("b3"));
        Assert.Equal(moved.Entities.Select(e => e.Entity), second.Entities.Select(e => e.Entity));
        Assert.Single(after.Decisions);
    }

    [Fact]
    public void Sweep_AfterRejectedSplit_KeepsTheNameWholeUntilTracksChangeBeyondTheShare()
    {
        var (first, curation) = Sweep("s1", TwoArtists, null, NameCuration.None);
        var (rejected, afterReject) = Decide(first, curation, new CurationRequest(CurationAction.Reject, "ana"), TwoArtists.Select(t => t.Item1));
        Assert.Equal(NameDecision.KeptWhole, rejected.Decision);

        // A resweep without change keeps it whole; one track added to four (0.25, over the 0.2 share) reopens it.
        var (same, sameCuration) = Sweep("s2", TwoArtists, rejected, afterReject);
        Assert.Equal((NameDecision.KeptWhole, ReviewState.Rejected), (same.Decision, same.ReviewState));
        Assert.Equal(rejected.Entities.Single().Entity, same.Entities.Single().Entity);

        var (reopened, _) = Sweep("s3", [.. TwoArtists, Track("b3", 0.01f, 1)], same, sameCuration);
        Assert.Equal((NameDecision.Split, ReviewState.Awaiting), (reopened.Decision, reopened.ReviewState));
    }

    [Fact]
    public void Sweep_AfterRejectedSplit_StaysWholeWhenTheChangeIsWithinTheShare()
    {
        (string, float[])[] five = [.. TwoArtists, Track("a3", 1, 0.01f)];
        var (first, curation) = Sweep("s1", five, null, NameCuration.None);
        var (rejected, afterReject) = Decide(first, curation, new CurationRequest(CurationAction.Reject, "ana"), five.Select(t => t.Item1));

        // One track added to five: 0.2 of the name, within the share.
        var (second, _) = Sweep("s2", [.. five, Track("b3", 0.01f, 1)], rejected, afterReject);

        Assert.Equal((NameDecision.KeptWhole, ReviewState.Rejected), (second.Decision, second.ReviewState));
        Assert.Equal(6, second.Entities.Single().TrackIds.Count);
    }

    [Theory]
    [InlineData(CurationAction.Accept, NameDecision.Split, ReviewState.Accepted)]
    [InlineData(CurationAction.Reject, NameDecision.KeptWhole, ReviewState.Rejected)]
    public void Sweep_InWhichEveryTrackOfADecidedNameFails_KeepsTheDecisionForTheNextSweep(CurationAction action, NameDecision kept, ReviewState state)
    {
        var (first, curation) = Sweep("s1", TwoArtists, null, NameCuration.None);
        var (decided, afterDecision) = Decide(first, curation, new CurationRequest(action, "ana"), TwoArtists.Select(t => t.Item1));

        // A bad night: every track fails (say, storage unreadable), so nothing is embedded.
        var failed = TwoArtists.Select(t => TrackOutcome.Failed(new TrackFailure(t.Item1, $"{t.Item1}.mp3", TrackFailureReason.Unreadable, "unreadable"))).ToList();
        var (badNight, _, badCuration, _) = NameResultBuilder.Build("x", "X", new NameRunRequest("s2", Model), failed, At, decided, afterDecision, Options);
        var (recovered, _) = Sweep("s3", TwoArtists, badNight, badCuration);

        Assert.Equal((kept, state), (badNight.Decision, badNight.ReviewState));
        Assert.Equal(afterDecision, badCuration);
        Assert.Equal((kept, state, "ana"), (recovered.Decision, recovered.ReviewState, recovered.Review!.DecidedBy));
        Assert.Equal(decided.Entities.Count, recovered.Entities.Count);
        Assert.All(decided.Entities, e => Assert.All(e.TrackIds, t => Assert.Equal(e.Entity, recovered.EntityOf(t))));
    }

    [Theory]
    [InlineData(-0.1, 0.25, "ReopenRejectedSplitShare")]
    [InlineData(0.2, 1.5, "ConfidentFrom")]
    public void Validate_SettingOutOfRange_ThrowsNamingIt(double share, double confident, string setting)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new CurationOptions { ReopenRejectedSplitShare = share, ConfidentFrom = confident }.Validate());
        Assert.Equal(setting, error.ParamName);
    }
}
