using Disambig.Grains;
using Disambig.TestSupport.Processes;
using Disambig.TestSupport;
using Disambig.TestSupport.Pipeline;
using Orleans.Runtime;

namespace Disambig.Silo.Tests;

/// <summary>Two silo processes and a client on loopback sockets, clustering, reminders and state in Azurite.</summary>
public sealed class DistributedModeTests : IAsyncLifetime
{
    private DemoCatalog _catalog = null!;

    public async Task InitializeAsync() => _catalog = await DemoCatalog.GenerateAsync();

    public Task DisposeAsync()
    {
        _catalog.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Sweep_OnAnInferenceSiloProcessAndAWorkerSiloProcess_EmbedsOnlyOnTheInferenceSiloAndSplitsByTrueArtist()
    {
        await using var cluster = await ProcessCluster.StartAsync(AzuriteContainer.ConnectionString(), _catalog, "worker,trainer", "inference");

        var report = await cluster.SweepAsync("distributed");

        ResultAssert.MatchesDemoTruth(_catalog, await cluster.ResultsAsync());
        Assert.Equal(_catalog.Tracks.Count, report.Progress.TracksEmbedded);
        Assert.Equal(3, report.Progress.TracksFailed);
        var statistics = await cluster.Grains.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        var inference = statistics.Where(s => s.GrainId.Type.ToString() == "inference").ToList();
        Assert.NotEmpty(inference);
        Assert.All(inference, activation => Assert.Contains("inference", cluster.ProcessOf(activation.SiloAddress).Settings.Roles));
    }
}
