using System.Text.Json;
using Disambig.Dashboard.Api;
using Disambig.Grains;

namespace Disambig.Dashboard.Tests;

/// <summary>The dashboard's view of a big name: a page of each entity's tracks, never the whole name.</summary>
public sealed class NameViewPagingTests
{
    private static readonly ModelRef Model = new("m1", 0.4, 9);

    /// <summary>Three entities of 3 000 tracks each and 600 tracks without audio: 9 600 tracks, kept as a paged result.</summary>
    private static NameResult Whole()
    {
        var entities = Enumerable.Range(1, 3).Select(e => new EntityResult(e, [.. Enumerable.Range(0, 3_000).Select(i => $"e{e}-t{i:D4}")], 0.9)).ToList();
        var failures = Enumerable.Range(0, 600).Select(i => new TrackFailure($"f{i:D3}", $"r/f{i}.mp3", TrackFailureReason.FileNotFound, "no such audio")).ToList();
        return new NameResult("big", "Big", "s1", Model, NameDecision.Split, 0.9, entities, failures, DateTimeOffset.UnixEpoch);
    }

    [Fact]
    public async Task NameView_OfABigName_ListsAPageOfEachEntityAndPagesTheAskedOne()
    {
        var grain = new BigNameGrain(Whole());

        var view = await NameViewReader.ReadAsync(grain, await grain.GetResult() ?? throw new InvalidOperationException(), null, new EntityTrackWindow(2, 2_500, 100));

        Assert.Equal([3_000, 3_000, 3_000], view.Entities.Select(e => e.TrackCount));
        Assert.Equal(Enumerable.Range(0, 100).Select(i => $"e1-t{i:D4}"), view.Entities[0].Tracks.Select(t => t.TrackId));
        Assert.Equal((0, (int?)100, (int?)null), (view.Entities[0].Offset, view.Entities[0].NextOffset, view.Entities[0].PreviousOffset));
        Assert.Equal(Enumerable.Range(2_500, 100).Select(i => $"e2-t{i:D4}"), view.Entities[1].Tracks.Select(t => t.TrackId));
        Assert.Equal((2_500, (int?)2_600, (int?)2_400), (view.Entities[1].Offset, view.Entities[1].NextOffset, view.Entities[1].PreviousOffset));
        Assert.Equal(new TrackView("e2-t2500", "Title e2-t2500", "Album 2500", 2000), view.Entities[1].Tracks[0]);
        Assert.Equal(100, view.Entities[2].Tracks.Count);
        Assert.Equal((100, 600), (view.Failures.Count, view.FailureCount));
        // Nothing larger than the page was asked of the grain, and the answer is a few tens of KB, not the name's MBs.
        Assert.All(grain.Asked, count => Assert.True(count <= 300, $"{count} tracks asked at once"));
        Assert.True(JsonSerializer.SerializeToUtf8Bytes(view, JsonSerializerOptions.Web).Length < 100_000);
    }

    [Fact]
    public async Task NameView_OfTheLastPageOfAnEntity_ListsWhatIsLeftWithoutANextPage()
    {
        var grain = new BigNameGrain(Whole());

        var view = await NameViewReader.ReadAsync(grain, await grain.GetResult() ?? throw new InvalidOperationException(), null, new EntityTrackWindow(3, 2_950, 100));

        Assert.Equal(Enumerable.Range(2_950, 50).Select(i => $"e3-t{i:D4}"), view.Entities[2].Tracks.Select(t => t.TrackId));
        Assert.Equal(((int?)null, (int?)2_850), (view.Entities[2].NextOffset, view.Entities[2].PreviousOffset));
    }

    [Fact]
    public void NameView_OfASmallName_CutsTheAskedEntitysPageFromTheWholeResult()
    {
        var result = new NameResult("small", "Small", "s1", Model, NameDecision.Split, 0.9,
            [new EntityResult(1, ["a", "b", "c", "d", "e"], 0.8), new EntityResult(2, ["x", "y", "z"], 0.7)], [], DateTimeOffset.UnixEpoch);

        var view = NameView.From(result, [new TrackRef("c", "c.flac", new TrackDetails("Cee", "Album", 1999))], window: new EntityTrackWindow(1, 2, 2));

        Assert.Equal(["c", "d"], view.Entities[0].Tracks.Select(t => t.TrackId));
        Assert.Equal(["Album"], view.Entities[0].Albums);
        Assert.Equal((5, (int?)4, (int?)0), (view.Entities[0].TrackCount, view.Entities[0].NextOffset, view.Entities[0].PreviousOffset));
        Assert.Equal(["x", "y"], view.Entities[1].Tracks.Select(t => t.TrackId));
    }

    [Fact]
    public void NameView_OfALaterPage_GivesEveryDrawnTrackItsEntityListedOrNot()
    {
        var result = new NameResult("small", "Small", "s1", Model, NameDecision.Split, 0.9,
            [new EntityResult(1, ["a", "b", "c", "d", "e"], 0.8), new EntityResult(2, ["x", "y", "z"], 0.7)],
            [new TrackFailure("f", "r/f.mp3", TrackFailureReason.FileNotFound, "no such audio")], DateTimeOffset.UnixEpoch);
        var picture = new NamePicture([.. new[] { "a", "e", "x", "z", "unknown" }.Select((id, i) => new PicturePoint(id, i, -i))], [], 0.4, 5);

        var view = NameView.From(result, [], picture, new EntityTrackWindow(1, 2, 2));

        // Entity 1 lists c and d, entity 2 x and y; the points of a, e and z are coloured by their entity all the same.
        Assert.Equal(["c", "d"], view.Entities[0].Tracks.Select(t => t.TrackId));
        Assert.Equal([1, 1, 2, 2, null], view.Picture!.Points.Select(p => p.Entity));
    }

    [Fact]
    public async Task NameView_OfABigNameOnAnyPage_GivesEachPointTheEntityItCarries_AndAPictureStoredWithoutThemTheListedOnes()
    {
        var whole = Whole();
        var grain = new BigNameGrain(whole);
        var summary = await grain.GetResult() ?? throw new InvalidOperationException();
        // A sample of every 300th track of each entity, as the grain keeps it: each point with its entity in the whole result.
        var sample = whole.Entities.SelectMany(e => e.TrackIds.Where((_, i) => i % 300 == 0).Select(t => new PicturePoint(t, 0, 0, e.Entity))).ToList();
        var carried = new NamePicture(sample, [], 0.4, 9_000);
        var stored = carried with { Points = [.. sample.Select(p => p with { Entity = null })] };

        foreach (var window in new[] { EntityTrackWindow.First, new EntityTrackWindow(2, 2_500, 100), new EntityTrackWindow(3, 2_900, 100) })
        {
            var view = await NameViewReader.ReadAsync(grain, summary, carried, window);
            Assert.True(view.Picture!.Sampled);
            Assert.Equal(sample.Select(p => p.Entity), view.Picture.Points.Select(p => p.Entity));
        }

        // Stored before points carried their entity: those of the tracks listed (each entity's first 100) have theirs, the others none.
        var old = await NameViewReader.ReadAsync(grain, summary, stored, EntityTrackWindow.First);
        Assert.Equal(sample.Select(p => p.TrackId.EndsWith("-t0000", StringComparison.Ordinal) ? p.Entity : null), old.Picture!.Points.Select(p => p.Entity));
    }

    [Fact]
    public void EntityTrackWindow_FromARequest_BoundsTheLimitAndRefusesABadOffset()
    {
        Assert.Equal(new EntityTrackWindow(null, 0, EntityTrackWindow.DefaultLimit), EntityTrackWindow.From(null, null, null));
        Assert.Equal(EntityTrackWindow.MaxLimit, EntityTrackWindow.From(1, 0, 1_000_000).Limit);
        Assert.Equal(1, EntityTrackWindow.From(1, 0, 0).Limit);
        Assert.Contains("0 or more", Assert.Throws<ArgumentException>(() => EntityTrackWindow.From(1, -1, 10)).Message);
        Assert.Contains("give the entity", Assert.Throws<ArgumentException>(() => EntityTrackWindow.From(null, 5, 10)).Message);
    }

    /// <summary>A big name's grain: its paged summary, pages of its assignments, and its tracks found by id; how many tracks each call asked.</summary>
    private sealed class BigNameGrain(NameResult whole) : IArtistNameGrain
    {
        public List<int> Asked { get; } = [];

        public Task<NameResult?> GetResult() => Task.FromResult<NameResult?>(NameResultPages.Summary(whole, 1_000));

        public Task<TrackAssignmentPage> GetAssignments(int offset, int limit)
        {
            Asked.Add(limit);
            return Task.FromResult(NameResultPages.Page(whole, offset, limit));
        }

        public Task<IReadOnlyList<TrackRef>> FindTracks(IReadOnlyList<string> trackIds)
        {
            Asked.Add(trackIds.Count);
            return Task.FromResult<IReadOnlyList<TrackRef>>([.. trackIds.Select(id =>
                new TrackRef(id, $"a/{id}.flac", new TrackDetails($"Title {id}", $"Album {id[^4..]}", 2000)))]);
        }

        public Task<TracksAdded> AddTracks(string displayName, IReadOnlyList<TrackRef> tracks) => throw new NotSupportedException();

        public Task<IReadOnlyList<TrackRef>> GetTracks() => throw new NotSupportedException("A view must not read every track.");

        public Task<TrackRefPage> GetTrackPage(int offset, int limit) => throw new NotSupportedException("A view must not read every track.");

        public Task<NameRunStatus> Disambiguate(NameRunRequest request) => throw new NotSupportedException();

        public Task<CurationAnswer> Decide(CurationRequest request) => throw new NotSupportedException();

        public Task<IReadOnlyList<CurationDecision>> GetDecisions() => throw new NotSupportedException();

        public Task<NamePicture?> GetPicture() => throw new NotSupportedException();
    }
}
