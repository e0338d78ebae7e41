using Disambig.Catalog;
using Disambig.Grains.Placement;
using Disambig.Grains.Tests.Fixtures;

namespace Disambig.Grains.Tests;

/// <summary>Sweeps after new releases: stable entity ids, and curators' decisions respected.</summary>
[Collection(PipelineCollection.Name)]
public sealed class CurationSweepTests(PipelineFixture fixture)
{
    private static readonly string[] OneSilo = [string.Join(',', SiloRoles.All)];

    private string HomonymName => fixture.Catalog.HomonymNames.Single();

    /// <summary>The catalog without <paramref name="held"/> tracks of the homonym name, and those tracks (its new releases).</summary>
    private (IReadOnlyList<CatalogEntry> First, IReadOnlyList<CatalogEntry> Later) HoldBack(Func<IEnumerable<CatalogTrack>, IEnumerable<CatalogTrack>> held)
    {
        var ids = held(fixture.Catalog.Tracks.Where(t => ArtistNameKey.From(t.ArtistName) == HomonymName)).Select(t => t.TrackId).ToHashSet();
        var entries = fixture.Catalog.Entries;
        return ([.. entries.Where(e => !ids.Contains(e.TrackId))], [.. entries.Where(e => ids.Contains(e.TrackId))]);
    }

    private async Task<NameResult> SweepAsync(PipelineCluster cluster, string sweepId)
    {
        await cluster.SweepAsync(sweepId);
        return (await cluster.Client.GetGrain<IArtistNameGrain>(HomonymName).GetResult())!;
    }

    [Fact]
    public async Task Resweep_AfterNewReleases_KeepsEntityIdsAndAddsTheNewTracksToTheirArtistsEntities()
    {
        var (first, later) = HoldBack(tracks => tracks.GroupBy(t => t.TrueArtistId).Select(artist => artist.Last()));
        await using var cluster = await PipelineCluster.StartAsync(fixture, null, OneSilo, first);
        var before = await SweepAsync(cluster, "before-releases");
        Assert.Equal((NameDecision.Split, ReviewState.Awaiting), (before.Decision, before.ReviewState));

        await cluster.Client.GetGrain<ICatalogGrain>(CatalogKeys.Default).Ingest(later);
        var after = await SweepAsync(cluster, "after-releases");

        Assert.Equal(before.Entities.Select(e => e.Entity), after.Entities.Select(e => e.Entity));
        foreach (var entity in before.Entities)
        {
            Assert.Subset(after.Entities.Single(e => e.Entity == entity.Entity).TrackIds.ToHashSet(), entity.TrackIds.ToHashSet());
        }
        foreach (var release in later)
        {
            var sameArtist = before.Entities.SelectMany(e => e.TrackIds)
                .First(t => fixture.Catalog.TrueArtistOf(t) == fixture.Catalog.TrueArtistOf(release.TrackId));
            Assert.Equal(before.EntityOf(sameArtist), after.EntityOf(release.TrackId));
        }
    }

    [Fact]
    public async Task RejectedSplit_ResweptWithANewTrackWithinTheShare_IsNotProposedAgain()
    {
        var (first, later) = HoldBack(tracks => tracks.TakeLast(1));
        await using var cluster = await PipelineCluster.StartAsync(fixture, null, OneSilo, first);
        var proposed = await SweepAsync(cluster, "before-rejection");
        Assert.Equal(NameDecision.Split, proposed.Decision);
        var grain = cluster.Client.GetGrain<IArtistNameGrain>(HomonymName);

        var answer = await grain.Decide(new CurationRequest(CurationAction.Reject, "ana"));
        Assert.Null(answer.Refusal);
        await cluster.Client.GetGrain<ICatalogGrain>(CatalogKeys.Default).Ingest(later);
        var after = await SweepAsync(cluster, "after-rejection");

        Assert.Equal((NameDecision.KeptWhole, ReviewState.Rejected, "ana"), (after.Decision, after.ReviewState, after.Review!.DecidedBy));
        Assert.Equal(proposed.Entities.Sum(e => e.TrackIds.Count) + 1, after.Entities.Single().TrackIds.Count);
        Assert.Equal(answer.Result!.Entities.Single().Entity, after.Entities.Single().Entity);
        Assert.Equal(CurationAction.Reject, Assert.Single(await grain.GetDecisions()).Action);
    }
}
