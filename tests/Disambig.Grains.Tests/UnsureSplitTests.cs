using Disambig.Clustering.Calibration;
using Disambig.Grains.Hosting;
using Disambig.Grains.Names;

namespace Disambig.Grains.Tests;

/// <summary>
/// Calibrated splits (issue 15, part 3): a split less probable than the model's least keeps the name whole, carries the
/// proposed split and awaits review; a confident split stays a split; a model without the calibration behaves as before.
/// </summary>
public sealed class UnsureSplitTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 5, 2, 0, 0, TimeSpan.Zero);

    /// <summary>p = 1 / (1 + exp(-10 c + 5)): a split of confidence above 0.5 is probably right, one below probably wrong.</summary>
    private static readonly SplitProbabilityRef Calibration = new(-10, 5, 0.5);

    private static (string, float[]) Track(string id, float x, float y)
    {
        var norm = MathF.Sqrt(x * x + y * y);
        return (id, [x / norm, y / norm]);
    }

    /// <summary>Two tight groups far apart: a clear split.</summary>
    private static readonly (string, float[])[] ClearTwo = [Track("b1", 0, 1), Track("a1", 1, 0), Track("b2", 0.05f, 1), Track("a2", 1, 0.05f)];

    /// <summary>Two tracks 0.5 apart cut at 0.49: split, barely (confidence near 0).</summary>
    private static readonly (string, float[])[] BarelyTwo = [("a", [1, 0]), ("b", [1.5f, 0])];

    private const double BarelyThreshold = 0.49;

    [Fact]
    public void Cluster_ConfidentSplit_StaysSplitAndRecordsItsCalibratedProbability()
    {
        var clusters = NameClustering.Cluster(ClearTwo, threshold: 0.5, splitProbability: Calibration);

        Assert.Equal(NameDecision.Split, clusters.Decision);
        Assert.Equal([["b1", "b2"], ["a1", "a2"]], clusters.Entities.Select(e => e.TrackIds));
        Assert.Equal(new SplitProbability(-10, 5).Of(clusters.SplitConfidence), clusters.SplitProbability);
        Assert.True(clusters.SplitProbability > 0.9);
        Assert.Null(clusters.ProposedSplit);
    }

    [Fact]
    public void Cluster_UnsureSplit_IsKeptWholeWithTheProposedSplitAndItsProbability()
    {
        var clusters = NameClustering.Cluster(BarelyTwo, BarelyThreshold, splitProbability: Calibration);

        Assert.Equal(NameDecision.KeptWhole, clusters.Decision);
        var whole = Assert.Single(clusters.Entities);
        Assert.Equal(["a", "b"], whole.TrackIds);
        var probability = new SplitProbability(-10, 5).Of(clusters.SplitConfidence);
        Assert.Equal(probability, clusters.SplitProbability);
        Assert.True(probability < 0.5);
        Assert.Equal(1 - probability, whole.Confidence, 12);
        Assert.Equal([["a"], ["b"]], clusters.ProposedSplit!.Select(e => e.TrackIds));
        Assert.Equal([1, 2], clusters.ProposedSplit!.Select(e => e.Entity));
    }

    [Fact]
    public void Cluster_ModelWithoutCalibration_SplitsEveryCutThatSplitsAsBefore()
    {
        var clusters = NameClustering.Cluster(BarelyTwo, BarelyThreshold);

        Assert.Equal(NameDecision.Split, clusters.Decision);
        Assert.Equal(2, clusters.Entities.Count);
        Assert.Null(clusters.SplitProbability);
        Assert.Null(clusters.ProposedSplit);
    }

    [Fact]
    public void Cluster_CutThatKeepsTheNameWhole_CarriesNoSplitProbability()
    {
        var clusters = NameClustering.Cluster(ClearTwo, threshold: 10, splitProbability: Calibration);

        Assert.Equal(NameDecision.KeptWhole, clusters.Decision);
        Assert.Null(clusters.SplitProbability);
        Assert.Null(clusters.ProposedSplit);
    }

    private static NameBuild Build(IEnumerable<(string Id, float[] Vector)> tracks, double threshold, NameResult? previous = null, NameCuration? curation = null) =>
        NameResultBuilder.Build("x", "X", new NameRunRequest("s2", new ModelRef("v1", threshold, 9) { SplitProbability = Calibration }),
            [.. tracks.Select(t => TrackOutcome.Vectorised(t.Id, t.Vector, cached: true))], At, previous, curation ?? NameCuration.None, new CurationOptions());

    [Fact]
    public void Build_UnsureSplit_ResultIsOneEntityAwaitingReviewWithItsProposal()
    {
        var (result, outcome, curation, _) = Build(BarelyTwo, BarelyThreshold);

        Assert.Equal((NameDecision.KeptWhole, ReviewState.Awaiting, true), (result.Decision, result.ReviewState, result.UnsureSplit));
        Assert.Equal(1, Assert.Single(result.Entities).Entity);
        Assert.Equal(2, result.ProposedSplit!.Count);
        Assert.True(result.SplitProbability < 0.5);
        Assert.Equal((NameDecision.KeptWhole, 1), (outcome.Decision, outcome.EntityCount));
        Assert.Equal(1, curation.LastEntityId);
    }

    [Fact]
    public void Build_NameSplitBeforeNowUnsure_WholeEntityKeepsAPreviousIdAndGivesNoNewOne()
    {
        var previous = new NameResult("x", "X", "s1", new ModelRef("v0", 0.5, 9), NameDecision.Split, 0.9,
            [new EntityResult(1, ["a"], 0.9), new EntityResult(2, ["b"], 0.9)], [], At);
        var (result, _, curation, _) = Build(BarelyTwo, BarelyThreshold, previous, NameCuration.None with { LastEntityId = 2 });

        Assert.Contains(Assert.Single(result.Entities).Entity, new[] { 1, 2 });
        Assert.Equal(2, curation.LastEntityId);
    }

    private static NameResult Unsure() => Build(BarelyTwo, BarelyThreshold).Result;

    [Fact]
    public void Decide_AcceptProposedSplit_AppliesTheSplitWithStableIdsAndAcceptsIt()
    {
        var (answer, curation) = NameDecisions.Apply("x", Unsure(), NameCuration.None with { LastEntityId = 1 },
            new CurationRequest(CurationAction.AcceptProposedSplit, "ana"), ["a", "b"], At);

        Assert.Null(answer.Refusal);
        var result = answer.Result!;
        Assert.Equal((NameDecision.Split, ReviewState.Accepted, "ana"), (result.Decision, result.ReviewState, result.Review!.DecidedBy));
        Assert.Equal([1, 2], result.Entities.Select(e => e.Entity));
        Assert.All(result.Entities, e => Assert.Single(e.TrackIds));
        Assert.Equal(["a", "b"], result.Entities.SelectMany(e => e.TrackIds).Order());
        Assert.Null(result.ProposedSplit);
        Assert.False(result.UnsureSplit);
        Assert.Equal(2, curation.LastEntityId);
        var entry = Assert.Single(curation.Decisions);
        Assert.Equal(CurationAction.AcceptProposedSplit, entry.Action);
        Assert.Equal([1, 2], entry.Entities);
    }

    [Fact]
    public void Decide_AcceptedProposedSplit_IsKeptByTheNextSweep()
    {
        var (answer, curation) = NameDecisions.Apply("x", Unsure(), NameCuration.None with { LastEntityId = 1 },
            new CurationRequest(CurationAction.AcceptProposedSplit, "ana"), ["a", "b"], At);

        var (next, _, _, _) = Build(BarelyTwo, BarelyThreshold, answer.Result, curation);

        Assert.Equal((NameDecision.Split, ReviewState.Accepted), (next.Decision, next.ReviewState));
        Assert.Equal(answer.Result!.Entities.Select(e => (e.Entity, e.TrackIds.Single())), next.Entities.Select(e => (e.Entity, e.TrackIds.Single())));
        Assert.Null(next.ProposedSplit);
    }

    [Fact]
    public void Decide_AcceptProposedSplitOfANameWithoutProposal_IsRefusedAsNotApplicable()
    {
        var confident = Build(ClearTwo, 0.5).Result;

        var (answer, curation) = NameDecisions.Apply("x", confident, NameCuration.None, new CurationRequest(CurationAction.AcceptProposedSplit, "ana"),
            ["b1", "a1", "b2", "a2"], At);

        Assert.Equal(CurationRefusal.NotApplicable, answer.Refusal);
        Assert.Contains("no proposed split", answer.Message);
        Assert.Empty(curation.Decisions);
    }

    [Fact]
    public void Decide_RejectUnsureSplit_KeepsTheNameWholeAndRejectsTheProposal()
    {
        var (answer, curation) = NameDecisions.Apply("x", Unsure(), NameCuration.None with { LastEntityId = 1 },
            new CurationRequest(CurationAction.Reject, "ana"), ["a", "b"], At);

        Assert.Null(answer.Refusal);
        Assert.Equal((NameDecision.KeptWhole, ReviewState.Rejected), (answer.Result!.Decision, answer.Result.ReviewState));
        Assert.Equal(1, Assert.Single(answer.Result.Entities).Entity);
        Assert.Null(answer.Result.ProposedSplit);
        Assert.Equal(["a", "b"], curation.RejectedWith);
    }

    [Fact]
    public void Summary_OfABigUnsureName_ListsOnlyTheFirstTracksOfItsProposal()
    {
        var summary = NameResultPages.Summary(Unsure(), listed: 1);

        Assert.True(summary.Paged);
        Assert.Equal([1, 0], summary.ProposedSplit!.Select(e => e.TrackIds.Count));
        Assert.Equal([1, 1], summary.ProposedSplit!.Select(e => e.Tracks));
        Assert.True(summary.UnsureSplit);
    }

    [Fact]
    public void ToRef_OfARegisteredVersion_CarriesItsSplitCalibrationToTheSweep()
    {
        var calibrated = new ModelVersionInfo("v1", 0.5, 32, At, "test", 3) { SplitProbability = Calibration };
        var old = new ModelVersionInfo("v0", 0.5, 32, At, "test", 3);

        Assert.Equal(Calibration, calibrated.ToRef().SplitProbability);
        Assert.Null(old.ToRef().SplitProbability);
    }
}
