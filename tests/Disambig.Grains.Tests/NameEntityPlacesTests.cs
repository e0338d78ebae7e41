using Disambig.Aliases;
using Disambig.Grains.Hosting;
using Disambig.Grains.Names;
using Disambig.Grains.Services;
using Disambig.Storage;

namespace Disambig.Grains.Tests;

/// <summary>Every entity of a built name result carries its place in the embedding space (issue 17, part 1).</summary>
public sealed class NameEntityPlacesTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 4, 10, 0, 0, TimeSpan.Zero);
    private static readonly NameRunRequest Request = new("s1", new ModelRef("v1", 0.5, 9));

    private static (string Id, float[] Vector) Track(string id, float x, float y, float z)
    {
        var norm = MathF.Sqrt(x * x + y * y + z * z);
        return (id, [x / norm, y / norm, z / norm]);
    }

    // Two artists far apart (a* near x, b* near y) and one track that failed.
    private static readonly (string Id, float[] Vector)[] TwoArtists =
        [Track("a1", 1, 0, 0.1f), Track("b1", 0, 1, 0), Track("a2", 1, 0.05f, 0), Track("b2", 0.05f, 1, 0.2f), Track("b3", 0.1f, 1, 0)];

    private static List<TrackOutcome> Outcomes(IEnumerable<(string Id, float[] Vector)> tracks) =>
        [.. tracks.Select(t => new TrackOutcome(t.Id, TrackOutcomeKind.Cached, t.Vector, null)),
         new TrackOutcome("bad", TrackOutcomeKind.Failed, null, new TrackFailure("bad", "x/bad.mp3", TrackFailureReason.Corrupt, "unreadable"))];

    private static void AssertPlacedFromItsTracks(NameResult result, IReadOnlyList<(string Id, float[] Vector)> tracks)
    {
        var vectorOf = tracks.ToDictionary(t => t.Id, t => t.Vector);
        foreach (var entity in result.Entities)
        {
            var place = entity.Place ?? throw new Xunit.Sdk.XunitException($"Entity {entity.Entity} has no place.");
            var expected = EntityPlace.FromTracks([.. entity.TrackIds.Select(t => vectorOf[t])], "expected");
            Assert.Equal(expected.Centroid, place.Centroid);
            Assert.Equal(expected.Spread, place.Spread, 12);
            Assert.Equal(entity.TrackIds.Count, place.TrackCount);
            Assert.Equal(1, Math.Sqrt(place.Centroid.Sum(v => (double)v * v)), 5);
        }
    }

    [Fact]
    public void Build_SplitName_GivesEachEntityTheUnitCentroidSpreadAndTrackCountOfItsTracks()
    {
        var (result, _) = NameResultBuilder.Build("x", "X", Request, Outcomes(TwoArtists), At);

        Assert.Equal(NameDecision.Split, result.Decision);
        Assert.Equal([2, 3], result.Entities.Select(e => e.Place!.TrackCount).Order());
        AssertPlacedFromItsTracks(result, TwoArtists);
        // The a-entity points along x, the b-entity along y.
        Assert.True(result.Entities.Single(e => e.TrackIds.Contains("a1")).Place!.Centroid[0] > 0.9f);
        Assert.True(result.Entities.Single(e => e.TrackIds.Contains("b1")).Place!.Centroid[1] > 0.9f);
    }

    [Fact]
    public void Build_NameKeptWhole_PlacesTheWholeNameAndANameWithoutVectorsHasNoEntities()
    {
        (string, float[])[] one = [Track("a1", 1, 0, 0), Track("a2", 1, 0.05f, 0)];
        var (whole, _) = NameResultBuilder.Build("x", "X", Request, Outcomes(one), At);
        var (none, _) = NameResultBuilder.Build("y", "Y", Request, Outcomes([]), At);

        Assert.Equal(NameDecision.KeptWhole, whole.Decision);
        Assert.Equal(2, Assert.Single(whole.Entities).Place!.TrackCount);
        AssertPlacedFromItsTracks(whole, one);
        Assert.Empty(none.Entities);
    }

    [Fact]
    public void Build_AfterACuratorMovedATrack_PlacesTheCuratedEntitiesNotTheFreshClusters()
    {
        var options = new CurationOptions();
        var first = NameResultBuilder.Build("x", "X", Request, Outcomes(TwoArtists), At, null, NameCuration.None, options);
        var (moved, curation) = NameDecisions.Apply("x", first.Result, first.Curation,
            new CurationRequest(CurationAction.MoveTrack, "ana", "a2", first.Result.EntityOf("b1")), [.. TwoArtists.Select(t => t.Id)], At);

        // The decision has no vectors: the entities it changed lose their place until the next run.
        Assert.All(moved.Result!.Entities, e => Assert.Null(e.Place));

        var second = NameResultBuilder.Build("x", "X", Request with { SweepId = "s2" }, Outcomes(TwoArtists), At, moved.Result, curation, options);

        Assert.Equal(second.Result.EntityOf("b1"), second.Result.EntityOf("a2"));
        AssertPlacedFromItsTracks(second.Result, TwoArtists);
        Assert.Equal(4, second.Result.Entities.Single(e => e.TrackIds.Contains("b1")).Place!.TrackCount);
    }

    [Fact]
    public async Task ResultStore_WritesPlacesAndReadsResultsWrittenBeforePlacesWithoutThem()
    {
        var root = Path.Combine(Path.GetTempPath(), "disambig-places-" + Guid.NewGuid().ToString("N"));
        try
        {
            var folder = new LocalFolderBlobStore(root);
            var store = new ResultStore(new PipelineStores(folder, folder, folder, folder));
            var (result, _) = NameResultBuilder.Build("x", "X", Request, Outcomes(TwoArtists), At);
            await store.WriteNameAsync(result, CancellationToken.None);
            var read = await store.ReadNameAsync("x", CancellationToken.None);
            AssertPlacedFromItsTracks(read!, TwoArtists);

            // A result of an earlier version: entities without "place".
            const string old = """{"nameKey":"y","displayName":"Y","sweepId":"s0","model":{"version":"v1","threshold":0.5,"segmentSeconds":9},"decision":"KeptWhole","splitConfidence":1,"entities":[{"entity":1,"trackIds":["a1"],"confidence":1}],"failures":[],"completedAt":"2026-12-04T10:00:00+00:00"}""";
            using var content = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(old));
            await folder.WriteAsync(ResultStore.NameResultName("y"), content, CancellationToken.None);
            var earlier = await store.ReadNameAsync("y", CancellationToken.None);
            Assert.Equal(["a1"], Assert.Single(earlier!.Entities).TrackIds);
            Assert.Null(earlier.Entities[0].Place);
        }
        finally
        {
            if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void Decide_Accept_KeepsThePlacesOfTheEntities()
    {
        var (result, _) = NameResultBuilder.Build("x", "X", Request, Outcomes(TwoArtists), At);

        var (answer, _) = NameDecisions.Apply("x", result, NameCuration.None, new CurationRequest(CurationAction.Accept, "ana"),
            [.. TwoArtists.Select(t => t.Id)], At);

        Assert.Equal(result.Entities.Select(e => e.Place), answer.Result!.Entities.Select(e => e.Place));
    }
}
