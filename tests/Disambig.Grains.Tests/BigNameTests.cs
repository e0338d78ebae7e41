using Disambig.Clustering.Metrics;
using Disambig.Grains.Hosting;
using Disambig.Grains.Names;

namespace Disambig.Grains.Tests;

/// <summary>A name of 50 000 tracks, kept as the name grain keeps it (issue 11, deliverable 6): state and messages under 1 MB.</summary>
public sealed class BigNameTests
{
    private const int MegaByte = 1_000_000;
    private const int Artists = 5;
    private const int TrackCount = 50_000;
    private const int Missing = 500;
    private static readonly ModelRef Model = new("v-big", 10.0, 3);
    private static readonly PipelineOptions Options = new();

    private static int Bytes<T>(T value) => SerializedSize.Of(value);

    [Fact]
    public void Run_OfA50000TrackName_CompletesWithItsStateAndEveryMessageUnder1MB()
    {
        var (tracks, outcomes, artistOf) = BigName();
        var request = new NameRunRequest("s1", Model, DateTimeOffset.UnixEpoch);

        var list = new NameTracks(tracks);
        var pages = list.Pages(Options.NameTrackPageSize).ToList();
        var state = new NameState { DisplayName = "Big Name" };
        state.KeepTracks([], [.. pages.Select((page, i) => new TrackPageRef($"names/big/tracks/{i:D5}.json", page.Length))]);
        var build = NameResultBuilder.Build("big name", "Big Name", request, outcomes, DateTimeOffset.UnixEpoch, null, NameCuration.None,
            new CurationOptions(), CancellationToken.None, maxExactTracks: 64);
        var outcome = NameResultPages.Bounded(build.Outcome, Options.NameInlineTracks);
        (state.Curation, state.Picture) = (build.Curation, build.Picture);
        state.Complete(request, build.Result, outcome, replace: true, NameFingerprint.OfRun(Model.Version, tracks, outcomes));
        var kept = state.KeepResult(build.Result, Options.NameInlineTracks);

        // The clustering is right: one entity per artist, every usable track in its artist's entity.
        Assert.Equal(NameDecision.Split, build.Result.Decision);
        Assert.Equal(Artists, build.Result.Entities.Count);
        var usable = build.Result.Entities.SelectMany(e => e.TrackIds.Select(t => (Track: t, e.Entity))).ToList();
        Assert.Equal(TrackCount - Missing, usable.Count);
        Assert.Equal(1.0, AdjustedRandIndex.Compute([.. usable.Select(u => artistOf[u.Track])], [.. usable.Select(u => u.Entity)]), 6);
        // The picture is a sample of at most 1 000 points, each with the entity that lists its track in the whole result.
        var entityOf = usable.ToDictionary(u => u.Track, u => (int?)u.Entity);
        Assert.True(state.Picture!.Sampled);
        Assert.Equal(NamePictures.MaxPoints, state.Picture.Points.Count);
        Assert.All(state.Picture.Points, p => Assert.Equal(entityOf[p.TrackId], p.Entity));
        Assert.InRange(Bytes(state.Picture), 1, MegaByte);
        // The whole result would not fit a message; what the grain keeps, returns and sends does.
        Assert.True(Bytes(build.Result) > MegaByte);
        Assert.InRange(Bytes(state), 1, MegaByte);
        Assert.True(kept.Paged);
        Assert.True(state.ResultInStore);
        Assert.InRange(Bytes(kept), 1, MegaByte);
        Assert.InRange(Bytes(outcome), 1, MegaByte);
        Assert.Equal((Missing, Missing), (outcome.TracksFailed, kept.FailureCount));
        Assert.All(pages, page => Assert.InRange(page.Length, 1, NameResultPages.MaxPageSize));
        Assert.Equal(tracks, pages.SelectMany(page => page));
        // Read page by page, the whole result comes back.
        var assignments = new List<TrackAssignment>();
        for (int? offset = 0; offset is { } at;)
        {
            var page = NameResultPages.Page(build.Result, at, NameResultPages.MaxPageSize);
            Assert.InRange(Bytes(page), 1, MegaByte);
            assignments.AddRange(page.Assignments);
            offset = page.NextOffset;
        }
        var restored = NameResultPages.Restore(kept, assignments);
        Assert.Equal(build.Result.Entities.Select(e => (e.Entity, e.TrackIds)), restored.Entities.Select(e => (e.Entity, e.TrackIds)), new EntityComparer());
        Assert.Equal(build.Result.Failures, restored.Failures);
    }

    [Fact]
    public void Summary_OfASmallResult_IsTheResultItself()
    {
        var result = new NameResult("n", "N", "s", Model, NameDecision.KeptWhole, 1, [new EntityResult(1, ["a", "b"], 1)], [], DateTimeOffset.UnixEpoch);
        Assert.Same(result, NameResultPages.Summary(result, 2));
        var summary = NameResultPages.Summary(result, 1);
        Assert.Equal((true, 2, 1), (summary.Paged, summary.Entities[0].Tracks, summary.Entities[0].TrackIds.Count));
    }

    [Fact]
    public void Merge_IntoABigName_AddsNewTracksReplacesChangedOnesAndKeepsTheOrder()
    {
        var tracks = new NameTracks(Enumerable.Range(0, 10_000).Select(i => new TrackRef($"t{i}", $"r/{i}.flac")));
        var changed = tracks.Merge([new TrackRef("t5", "r/5.flac"), new TrackRef("t7", "moved/7.flac"), new TrackRef("t-new", "r/new.flac")]);
        Assert.Equal(2, changed);
        Assert.Equal((10_001, "moved/7.flac", "t-new"), (tracks.Count, tracks.All[7].AudioPath, tracks.All[^1].TrackId));
        var page = tracks.Page(9_998, 10);
        Assert.Equal((3, 10_001, (int?)null), (page.Tracks.Count, page.Total, page.NextOffset));
    }

    /// <summary>Five artists of 10 000 tracks on the unit sphere of 16 dimensions, 500 tracks without audio.</summary>
    private static (List<TrackRef> Tracks, List<TrackOutcome> Outcomes, Dictionary<string, int> ArtistOf) BigName()
    {
        var random = new Random(11);
        var centres = Enumerable.Range(0, Artists).Select(_ => Unit([.. Enumerable.Range(0, 16).Select(_ => (float)Gaussian(random))])).ToList();
        var tracks = new List<TrackRef>(TrackCount);
        var outcomes = new List<TrackOutcome>(TrackCount);
        var artistOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < TrackCount; i++)
        {
            // Catalog ids as long as UUIDs: 50 000 of them are about 2 MB.
            var (id, artist) = ($"{new Guid([.. Enumerable.Range(0, 16).Select(_ => (byte)random.Next(256))])}", i % Artists);
            var track = new TrackRef(id, $"releases/{i / 12:D5}/{i % 12:D2}.flac", new TrackDetails($"Title {i}", $"Album {i / 12}", 2000 + i % 20));
            tracks.Add(track);
            artistOf[id] = artist + 1;
            outcomes.Add(i % (TrackCount / Missing) == 1
                ? TrackOutcome.Failed(new TrackFailure(id, track.AudioPath, TrackFailureReason.FileNotFound, $"no audio object '{track.AudioPath}' in the catalog store"))
                : TrackOutcome.Vectorised(id, Unit([.. centres[artist].Select(c => c + 0.1f * (float)Gaussian(random))]), cached: true) with { AudioETag = $"\"e{i}\"" });
        }
        return (tracks, outcomes, artistOf);
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static float[] Unit(float[] vector)
    {
        var norm = (float)Math.Sqrt(vector.Sum(v => v * v));
        return [.. vector.Select(v => v / norm)];
    }

    private sealed class EntityComparer : IEqualityComparer<(int Entity, IReadOnlyList<string> TrackIds)>
    {
        public bool Equals((int Entity, IReadOnlyList<string> TrackIds) x, (int Entity, IReadOnlyList<string> TrackIds) y) =>
            x.Entity == y.Entity && x.TrackIds.SequenceEqual(y.TrackIds);

        public int GetHashCode((int Entity, IReadOnlyList<string> TrackIds) obj) => obj.Entity;
    }
}
