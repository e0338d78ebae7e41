using Disambig.Grains.Names;

namespace Disambig.Grains.Tests;

public sealed class NameDecisionsTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 4, 10, 0, 0, TimeSpan.Zero);
    private static readonly string[] Tracks = ["a1", "b1", "a2", "b2", "c1"];

    private static readonly NameResult Split = new("x", "X", "s1", new ModelRef("v1", 0.5, 9), NameDecision.Split, 0.6,
        [new EntityResult(1, ["a1", "a2"], 0.7), new EntityResult(2, ["b1", "b2"], 0.4), new EntityResult(3, ["c1"], 0.9)], [], At)
    { Review = new NameReview(ReviewState.Awaiting, null, null) };

    private static readonly NameCuration Curation = NameCuration.None with { LastEntityId = 3 };

    private static (CurationAnswer Answer, NameCuration Curation) Apply(CurationRequest request, NameResult? result = null) =>
        NameDecisions.Apply("x", result ?? Split, Curation, request, Tracks, At);

    [Fact]
    public void Accept_Split_KeepsEntitiesAndRecordsCuratorAndTime()
    {
        var (answer, curation) = Apply(new CurationRequest(CurationAction.Accept, "ana"));

        Assert.Equal(new NameReview(ReviewState.Accepted, "ana", At), answer.Result!.Review);
        Assert.Equal([1, 2, 3], answer.Result.Entities.Select(e => e.Entity));
        var entry = Assert.Single(curation.Decisions);
        Assert.Equal((CurationAction.Accept, "ana", At, "s1"), (entry.Action, entry.Curator, entry.At, entry.SweepId));
    }

    [Fact]
    public void Reject_Split_MakesOneEntityWithTheLargestEntitysIdAndRemembersTheTracks()
    {
        var (answer, curation) = Apply(new CurationRequest(CurationAction.Reject, "local"));

        var whole = Assert.Single(answer.Result!.Entities);
        Assert.Equal(1, whole.Entity);
        Assert.Equal(Tracks, whole.TrackIds);
        Assert.Equal(NameDecision.KeptWhole, answer.Result.Decision);
        Assert.Equal(ReviewState.Rejected, answer.Result.ReviewState);
        Assert.Equal(Tracks, curation.RejectedWith);
    }

    [Fact]
    public void MoveTrack_ToAnotherEntity_MovesItInCatalogOrderAndDropsAnEmptiedEntity()
    {
        var (answer, _) = Apply(new CurationRequest(CurationAction.MoveTrack, "ana", "c1", 2));

        Assert.Equal([1, 2], answer.Result!.Entities.Select(e => e.Entity));
        Assert.Equal(["b1", "b2", "c1"], answer.Result.Entities[1].TrackIds);
        Assert.Equal((3, 2), (answer.Decision!.FromEntity!.Value, answer.Decision.ToEntity!.Value));
        Assert.Equal(ReviewState.Accepted, answer.Result.ReviewState);
    }

    [Fact]
    public void MoveTrack_ToNoEntity_CreatesOneWithANewId()
    {
        var (answer, curation) = Apply(new CurationRequest(CurationAction.MoveTrack, "ana", "a2", null));

        Assert.Equal(["a2"], answer.Result!.Entities.Single(e => e.Entity == 4).TrackIds);
        Assert.Equal(4, curation.LastEntityId);
    }

    [Theory]
    [InlineData(CurationAction.MoveTrack, "nope", 1, CurationRefusal.UnknownTrack)]
    [InlineData(CurationAction.MoveTrack, "a1", 9, CurationRefusal.UnknownEntity)]
    [InlineData(CurationAction.MoveTrack, "a1", 1, CurationRefusal.NotApplicable)]
    [InlineData(CurationAction.MoveTrack, null, 1, CurationRefusal.Invalid)]
    public void MoveTrack_BadRequest_IsRefusedNamingTheReasonAndChangesNothing(CurationAction action, string? track, int to, CurationRefusal refusal)
    {
        var (answer, curation) = Apply(new CurationRequest(action, "ana", track, to));

        Assert.Equal(refusal, answer.Refusal);
        Assert.False(string.IsNullOrEmpty(answer.Message));
        Assert.Same(Split, answer.Result);
        Assert.Same(Curation, curation);
    }

    [Fact]
    public void Reject_NameKeptWhole_IsRefusedAsNotApplicable()
    {
        var whole = Split with { Decision = NameDecision.KeptWhole, Entities = [new EntityResult(1, Tracks, 1)] };

        var (answer, _) = Apply(new CurationRequest(CurationAction.Reject, "ana"), whole);

        Assert.Equal(CurationRefusal.NotApplicable, answer.Refusal);
        Assert.Contains("'x' is not split", answer.Message);
    }

    [Fact]
    public void Decide_WithoutResult_IsRefused()
    {
        var (answer, _) = NameDecisions.Apply("x", null, Curation, new CurationRequest(CurationAction.Accept, "ana"), Tracks, At);

        Assert.Equal(CurationRefusal.NoResult, answer.Refusal);
    }
}
