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
        // read after the sweep show where the worker placement puts them; tracks go beside the name that asks them
        // (worker-local placement, tested below).
        Assert.Single(typeof(Names.ArtistNameGrain).GetCustomAttributes(typeof(WorkerRolePlacementAttribute), false));
        Assert.Single(typeof(Tracks.TrackGrain).GetCustomAttributes(typeof(WorkerLocalPlacementAttribute), false));
        var management = fixture.Baseline.Client.GetGrain<IManagementGrain>(0);
        var statistics = await management.GetDetailedGrainStatistics();
        var work = statistics.Where(s => s.GrainId.Type.ToString() is "artistname" or "track").ToList();
        Assert.Contains(work, s => s.GrainId.Type.ToString() == "artistname");
        var inferenceSilo = fixture.Baseline.Silo(PipelineFixture.InferenceSilo).SiloAddress;
        Assert.DoesNotContain(work, activation => activation.SiloAddress == inferenceSilo);
    }

    [Fact]
    public async Task WorkerLocalPlacement_CalledFromAWorker_ActivatesOnThatWorker_AndFromElsewhere_OnAWorker()
    {
        // Track grains are placed as the local probe is: beside a calling worker (a name grain), so the name's track
        // calls cross no network; a call from a client or a non-worker silo still lands on a worker.
        await using var cluster = await PipelineCluster.StartAsync(fixture, "inference", "worker", "worker");
        var inferenceSilo = cluster.Silo(PipelineCluster.SiloName(0)).SiloAddress.ToString();
        var pairs = await Task.WhenAll(Enumerable.Range(0, 40).Select(key =>
            cluster.Client.GetGrain<IWorkerProbeGrain>(key).CallLocalProbe(key)));
        Assert.All(pairs, pair => Assert.Equal(pair.Caller, pair.Callee));
        // The callers are spread by worker placement over both workers (all 40 on one: probability 2^-39).
        Assert.Equal(2, pairs.Select(pair => pair.Caller).Distinct().Count());
        var direct = await Task.WhenAll(Enumerable.Range(100, 20).Select(key => cluster.Client.GetGrain<ILocalProbeGrain>(key).HostingSilo()));
        Assert.DoesNotContain(inferenceSilo, direct);
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

/// <summary>A grain placed as name grains are (a worker at random) that calls a <see cref="ILocalProbeGrain"/>.</summary>
[Alias("Disambig.Grains.Tests.IWorkerProbeGrain")]
public interface IWorkerProbeGrain : IGrainWithIntegerKey
{
    /// <summary>This activation's silo and that of the local probe of <paramref name="key"/>.</summary>
    [Alias("CallLocalProbe")]
    Task<ProbePair> CallLocalProbe(long key);
}

/// <summary>A grain placed as track grains are (<see cref="WorkerLocalPlacement"/>).</summary>
[Alias("Disambig.Grains.Tests.ILocalProbeGrain")]
public interface ILocalProbeGrain : IGrainWithIntegerKey
{
    [Alias("HostingSilo")]
    Task<string> HostingSilo();
}

/// <summary>The silos of a caller and of the grain it called.</summary>
[GenerateSerializer, Immutable, Alias("Disambig.Grains.Tests.ProbePair")]
public sealed record ProbePair([property: Id(0)] string Caller, [property: Id(1)] string Callee);

[WorkerRolePlacement]
public sealed class WorkerProbeGrain : Grain, IWorkerProbeGrain
{
    public async Task<ProbePair> CallLocalProbe(long key) =>
        new(RuntimeIdentity, await GrainFactory.GetGrain<ILocalProbeGrain>(key).HostingSilo());
}

[WorkerLocalPlacement]
public sealed class LocalProbeGrain : Grain, ILocalProbeGrain
{
    public Task<string> HostingSilo() => Task.FromResult(RuntimeIdentity);
}
