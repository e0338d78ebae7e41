using Disambig.Dashboard.Api;
using Disambig.Grains;

namespace Disambig.Dashboard.Tests;

public sealed class CurationViewTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 4, 10, 0, 0, TimeSpan.Zero);

    private static NameResult Result(string name, NameDecision decision, double confidence, int tracks, ReviewState review) =>
        new(name, name.ToUpperInvariant(), "s1", new ModelRef("m1", 0.4, 9), decision, confidence,
            [new EntityResult(1, [.. Enumerable.Range(0, tracks).Select(i => $"{name}-{i}")], 1)], [], At)
        { Review = new NameReview(review, null, null) };

    [Fact]
    public void ReviewQueue_ListsOnlyNamesAwaitingReview_LeastConfidentThenMostTracksFirst()
    {
        NameResult[] results =
        [
            Result("a", NameDecision.Split, 0.6, 3, ReviewState.Awaiting),
            Result("b", NameDecision.KeptWhole, 0.1, 2, ReviewState.Awaiting),
            Result("c", NameDecision.Split, 0.6, 9, ReviewState.Awaiting),
            Result("d", NameDecision.Split, 0.2, 4, ReviewState.Accepted),
            Result("e", NameDecision.KeptWhole, 0.9, 5, ReviewState.NotNeeded),
            Result("f", NameDecision.KeptWhole, 0.1, 5, ReviewState.Rejected),
        ];

        var first = ReviewQueue.Page(results, 0, 2);
        var second = ReviewQueue.Page(results, int.Parse(first.NextCursor!), 2);

        Assert.Equal(["b", "c"], first.Names.Select(n => n.NameKey));
        Assert.Equal(["a"], second.Names.Select(n => n.NameKey));
        Assert.Equal((3, 3), (first.Total, second.Total));
        Assert.Null(second.NextCursor);
        Assert.Equal(9, first.Names[1].Tracks);
    }

    [Fact]
    public void ReviewQueueAndNameView_OfANameKeptWholeForAnUnsureSplit_ShowItsProbabilityAndProposedSplit()
    {
        var unsure = Result("u", NameDecision.KeptWhole, 0.3, 3, ReviewState.Awaiting) with
        {
            SplitProbability = 0.2,
            ProposedSplit = [new EntityResult(1, ["u-0", "u-2"], 0.3), new EntityResult(2, ["u-1"], 0.3)],
        };

        var item = Assert.Single(ReviewQueue.Page([unsure, Result("s", NameDecision.Split, 0.9, 2, ReviewState.Awaiting)], 0, 10).Names, i => i.NameKey == "u");
        var view = NameView.From(unsure, [new TrackRef("u-1", "u/1.flac", new TrackDetails("One", "Album", 2001))]);

        Assert.Equal((true, 0.2, 1), (item.UnsureSplit, item.SplitProbability, item.Entities));
        Assert.Equal([2, 1], item.ProposedSplit!);
        Assert.Equal(0.2, view.SplitProbability);
        Assert.Equal([["u-0", "u-2"], ["u-1"]], view.ProposedSplit!.Select(e => e.Tracks.Select(t => t.TrackId)));
        Assert.Equal("One", view.ProposedSplit![1].Tracks.Single().Title);
    }

    [Fact]
    public void Curator_IsTheTokensNameWithATokenAndLocalWithout()
    {
        Assert.Equal("local", new DashboardOptions().Curator);
        Assert.Equal("ana", new DashboardOptions { BearerToken = "test-token-0123456789abcdef", BearerTokenName = "ana" }.Curator);
    }

    [Fact]
    public void NameView_CarriesReviewAndPictureWithTrackTitles()
    {
        var result = Result("a", NameDecision.Split, 0.6, 2, ReviewState.Accepted) with { Review = new NameReview(ReviewState.Accepted, "ana", At) };
        var picture = new NamePicture([new PicturePoint("a-0", 1, 2), new PicturePoint("a-1", -1, -2)], [new PictureMerge(0, 1, 0.3)], 0.4, 2);

        var view = NameView.From(result, [new TrackRef("a-0", "a/0.flac", new TrackDetails("Zero", "Album", 2001))], picture);

        Assert.Equal(new ReviewView("Accepted", "ana", At), view.Review);
        Assert.Equal(["Zero", null], view.Picture!.Points.Select(p => p.Title));
        Assert.Equal([0, 1, 0.3], view.Picture.Merges.Single());
        Assert.False(view.Picture.Sampled);
    }
}
