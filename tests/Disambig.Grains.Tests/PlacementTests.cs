using Disambig.Grains.Placement;
using Disambig.Grains.Tests.Fixtures;
using Orleans.Runtime;

namespace Disambig.Grains.Tests;

[Collection(PipelineCollection.Name)]
public sealed class PlacementTests(PipelineFixture fixture)
{
    [Fact]
    public async Task InferenceGrains_AfterASweep_ActivatedOnlyOnTheInferenceSilo()
    {
        var management = fixture.Baseline.Client.GetGrain<IManagementGrain>(0);
        var statistics = await management.GetDetailedGrainStatistics();
        var inference = statistics.Where(s => s.GrainId.Type.ToString() == "inference").ToList();
        Assert.NotEmpty(inference);
        var inferenceSilo = fixture.Baseline.Silo(PipelineFixture.InferenceSilo).SiloAddress;
        Assert.All(inference, activation => Assert.Equal(inferenceSilo, activation.SiloAddress));
    }

    [Fact]
    public async Task NameAndTrackGrains_AfterASweep_ActivatedOnlyOnWorkerSilos()
    {
        // Track activations go back as soon as they answer (and names after their run), so the names the alias job
        // read after the sweep show where the worker placement puts them; tracks are placed by the same strategy.
        Assert.Single(typeof(Names.ArtistNameGrain).GetCustomAttributes(typeof(WorkerRolePlacementAttribute), false));
        Assert.Single(typeof(Tracks.TrackGrain).GetCustomAttributes(typeof(WorkerRolePlacementAttribute), false));
        var management = fixture.Baseline.Client.GetGrain<IManagementGrain>(0);
        var statistics = await management.GetDetailedGrainStatistics();
        var work = statistics.Where(s => s.GrainId.Type.ToString() is "artistname" or "track").ToList();
        Assert.Contains(work, s => s.GrainId.Type.ToString() == "artistname");
        var inferenceSilo = fixture.Baseline.Silo(PipelineFixture.InferenceSilo).SiloAddress;
        Assert.DoesNotContain(work, activation => activation.SiloAddress == inferenceSilo);
    }

    [Fact]
    public async Task TrackGrain_InClusterWithoutInferenceSilo_WaitsWithNoInferenceSiloExceptionInsteadOfDecoding()
    {
        await using var cluster = await PipelineCluster.StartAsync(fixture, "worker", "worker");
        var entry = fixture.Catalog.Entries[0];
        var track = cluster.Client.GetGrain<ITrackGrain>(entry.TrackId);
        await Assert.ThrowsAsync<NoInferenceSiloException>(() =>
            track.Embed(new TrackEmbedRequest(new TrackRef(entry.TrackId, entry.AudioPath), fixture.Model.ToRef(), "no-gpu")));
    }

    [Fact]
    public async Task InferenceGrain_InClusterWithoutInferenceSilo_FailsWithNoInferenceSiloException()
    {
        await using var cluster = await PipelineCluster.StartAsync(fixture, "worker", "worker");
        var grain = cluster.Client.GetGrain<IInferenceGrain>(InferenceKey.Of(fixture.Model.Version, 0));
        await Assert.ThrowsAsync<NoInferenceSiloException>(() => grain.HostingSilo());
    }
}
