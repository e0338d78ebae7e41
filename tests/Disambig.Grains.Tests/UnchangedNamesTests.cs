using Disambig.Grains.Tests.Fixtures;
using Orleans.Runtime;

namespace Disambig.Grains.Tests;

/// <summary>A re-sweep of names whose audio did not change (issue 11, deliverable 4).</summary>
[Collection(PipelineCollection.Name)]
public sealed class UnchangedNamesTests(PipelineFixture fixture)
{
    [Fact]
    public async Task Resweep_OfUnchangedAudio_SkipsEveryNameWithOneListingPerFolderAndNoTrackGrain_AndAChangedETagRunsItsName()
    {
        var key = $"unchanged-{Guid.NewGuid():N}";
        await using var cluster = await PipelineCluster.StartAsync(fixture, null, PipelineFixture.ThreeSilos, fixture.Catalog.Entries,
            new Dictionary<string, string?> { [PipelineSiloConfigurator.CountingCatalogKey] = key });
        var catalog = CountingBlobStore.Of(key);
        var first = await cluster.SweepAsync("first");
        var firstNames = await cluster.OutcomesAsync("first");
        Assert.DoesNotContain(firstNames, name => name.Decision == NameDecision.Unchanged);
        var results = await cluster.ResultsAsync();

        // A track answers its name once a sweep: its activation goes back at once, not after the collection age.
        var management = cluster.Client.GetGrain<IManagementGrain>(0);
        Assert.True(await NoTrackActivationsWithinAsync(management, TimeSpan.FromSeconds(30)));
        await management.ForceActivationCollection(TimeSpan.Zero);
        Assert.Equal(0, await TrackActivationsAsync(management));
        catalog.ResetCounts();
        var second = await cluster.SweepAsync("second");
        var secondNames = await cluster.OutcomesAsync("second");

        Assert.All(secondNames, name => Assert.Equal(NameDecision.Unchanged, name.Decision));
        Assert.Equal(firstNames.Count, secondNames.Count);
        Assert.Equal(0, await TrackActivationsAsync(management));
        Assert.Equal(0, catalog.Infos);
        var folders = fixture.Catalog.Entries.Select(e => e.AudioPath[..e.AudioPath.LastIndexOf('/')]).Distinct().Count();
        Assert.Equal(folders, catalog.Listings);
        Assert.Equal(Stamps(results), Stamps(await cluster.ResultsAsync()));

        var changed = fixture.Catalog.Entries.First(e => e.NameKey != fixture.Catalog.PoisonedName);
        catalog.Rewrite(changed.AudioPath);

        // A check-only question answers an unchanged name's outcome, and starts nothing for a name that must run.
        var model = (await cluster.Client.GetGrain<IModelRegistryGrain>(ModelRegistry.DefaultKey).GetCurrent())!.ToRef();
        var probe = new NameRunRequest("probe", model, DateTimeOffset.UtcNow) { CheckOnly = true };
        var other = fixture.Catalog.Entries.First(e => e.NameKey != changed.NameKey && e.NameKey != fixture.Catalog.PoisonedName);
        var same = await cluster.Client.GetGrain<IArtistNameGrain>(other.NameKey).Disambiguate(probe);
        Assert.Equal((NameRunState.Completed, NameDecision.Unchanged), (same.State, same.Outcome?.Decision));
        var mustRun = await cluster.Client.GetGrain<IArtistNameGrain>(changed.NameKey).Disambiguate(probe);
        Assert.Equal((NameRunState.MustRun, null), (mustRun.State, mustRun.Outcome));
        Assert.Equal(0, await TrackActivationsAsync(management));
        var third = await cluster.SweepAsync("third");
        var thirdNames = await cluster.OutcomesAsync("third");

        var rerun = Assert.Single(thirdNames, name => name.Decision != NameDecision.Unchanged);
        Assert.Equal(changed.NameKey, rerun.NameKey);
        // Only the rewritten track is embedded again; the name's other tracks come from their cache.
        var tracksOfName = fixture.Catalog.Entries.Count(e => e.NameKey == changed.NameKey);
        Assert.Equal((1, tracksOfName - 1), (rerun.TracksEmbedded, rerun.TracksCached));
    }

    /// <summary>The sweep and time that wrote each name's result: a result written again would change them.</summary>
    private static Dictionary<string, (string, DateTimeOffset)> Stamps(IReadOnlyDictionary<string, NameResult> results) =>
        results.ToDictionary(pair => pair.Key, pair => (pair.Value.SweepId, pair.Value.CompletedAt));

    private static async Task<bool> NoTrackActivationsWithinAsync(IManagementGrain management, TimeSpan limit)
    {
        // Deactivation follows the answer: poll until it is done (no timing asserted, only that it happens).
        for (var waited = TimeSpan.Zero; waited < limit; waited += TimeSpan.FromMilliseconds(100))
        {
            if (await TrackActivationsAsync(management) == 0) return true;
            await Task.Delay(100);
        }
        return false;
    }

    private static async Task<int> TrackActivationsAsync(IManagementGrain management) =>
        (await management.GetDetailedGrainStatistics()).Count(s => s.GrainId.Type.ToString() == "track");
}
