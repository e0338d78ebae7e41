using Disambig.Grains.Tests.Fixtures;
using Disambig.Grains.Tracks;
using Disambig.TestSupport;

namespace Disambig.Grains.Tests;

/// <summary>
/// Track states on a first sweep (issue 11, storage operations per name): a name that never ran tells its tracks they
/// are new, so no track reads a state that cannot exist; a wrong hint never loses or overwrites a stored vector.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class NewTrackStateTests(PipelineFixture fixture)
{
    [Fact]
    public async Task FirstSweep_ReadsNoTrackState_AndWritesEachOnce_ThenANameThatRunsAgainReadsItsTracksStates()
    {
        var key = $"new-tracks-{Guid.NewGuid():N}";
        await using var cluster = await PipelineCluster.StartAsync(fixture, null, PipelineFixture.ThreeSilos, fixture.Catalog.Entries,
            new Dictionary<string, string?>
            {
                [PipelineSiloConfigurator.CountingCatalogKey] = key,
                [PipelineSiloConfigurator.CountingStateKey] = key,
            });
        var counts = GrainStorageCounts.For(key);

        var first = await cluster.SweepAsync("first");

        Assert.Equal(0, counts.Count(TrackStateStore.StateName, "read"));
        // One write per track with a vector or a remembered (permanent) failure; none twice.
        var writes = counts.Count(TrackStateStore.StateName, "write");
        Assert.InRange(writes, first.Progress.TracksEmbedded, first.Progress.TracksEmbedded + first.Progress.TracksFailed);
        Assert.Equal(1, counts.MostOfOneGrain(TrackStateStore.StateName, "write"));
        ResultAssert.MatchesDemoTruth(fixture.Catalog, await cluster.ResultsAsync());
        Assert.Equal((fixture.BaselineReport.Progress.TracksEmbedded, fixture.BaselineReport.Progress.TracksFailed),
            (first.Progress.TracksEmbedded, first.Progress.TracksFailed));

        // A name with a result runs again (one of its audio files rewritten): its tracks read their states, and the
        // unchanged ones are served from them.
        var changed = fixture.Catalog.Entries.First(e => e.NameKey != fixture.Catalog.PoisonedName);
        CountingBlobStore.Of(key).Rewrite(changed.AudioPath);
        counts.Reset();
        var second = await cluster.SweepAsync("second");

        var tracksOfName = fixture.Catalog.Entries.Count(e => e.NameKey == changed.NameKey);
        Assert.Equal(tracksOfName, counts.Count(TrackStateStore.StateName, "read"));
        Assert.Equal((1, tracksOfName - 1), (second.Progress.TracksEmbedded, second.Progress.TracksCached));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task NewTrackHint_ForATrackWithAStoredVector_ServesTheStoredVector_AndOverwritesNothing(bool azurite)
    {
        var key = $"hint-{Guid.NewGuid():N}";
        await using var storage = azurite ? await AzuriteProcess.StartAsync(AzuritePersistence.Memory) : null;
        await using var cluster = await PipelineCluster.StartAsync(fixture, storage?.ConnectionString, ["worker,inference,trainer"],
            fixture.Catalog.Entries, new Dictionary<string, string?> { [PipelineSiloConfigurator.CountingStateKey] = key });
        var counts = GrainStorageCounts.For(key);
        var entry = fixture.Catalog.Entries.First(e => e.NameKey != fixture.Catalog.PoisonedName);
        var track = cluster.Client.GetGrain<ITrackGrain>(entry.TrackId);
        var asked = new TrackEmbedRequest(new TrackRef(entry.TrackId, entry.AudioPath), fixture.Model.ToRef(), "s1");

        var computed = await track.Embed(asked);
        // As a name that never ran would ask it (the track credited to it was another name's before).
        var hinted = await track.Embed(asked with { SweepId = "s2", NewTrack = true });
        var again = await track.Embed(asked with { SweepId = "s2" });

        Assert.Equal(TrackOutcomeKind.Embedded, computed.Kind);
        Assert.Equal(TrackOutcomeKind.Cached, hinted.Kind);
        Assert.Equal(computed.Vector, hinted.Vector);
        // Still the vector s1 computed: s2 wrote nothing over it (its own vector would count as embedded by s2).
        Assert.Equal(TrackOutcomeKind.Cached, again.Kind);
        Assert.Equal(computed.Vector, again.Vector);
        // s1: a read and a write; s2 hinted: a refused create, then the read that found s1's vector; s2: a read.
        Assert.Equal((3, 2), (counts.Count(TrackStateStore.StateName, "read"), counts.Count(TrackStateStore.StateName, "write")));
    }
}
