using Disambig.Grains.Tests.Fixtures;
using Disambig.TestSupport;

namespace Disambig.Grains.Tests;

[Collection(PipelineCollection.Name)]
public sealed class FaultToleranceTests(PipelineFixture fixture)
{
    [Fact]
    public async Task Sweep_WhenWorkerSiloStopsMidway_CompletesWithTheUndisturbedResults()
    {
        await using var cluster = await PipelineCluster.StartAsync(fixture, PipelineFixture.ThreeSilos);
        var stopped = false;
        var report = await cluster.SweepAsync("worker-lost", async progress =>
        {
            if (stopped || progress.TracksEmbedded + progress.NamesInFlight == 0) return;
            stopped = true;
            await cluster.Cluster.StopSiloAsync(cluster.Silo(PipelineFixture.WorkerSilo));
        });
        Assert.True(stopped);
        AssertSameAsBaseline(report, await cluster.ResultsAsync());
    }

    [Fact]
    public async Task Sweep_WhenInferenceSiloIsDownThenRestarts_WaitsThenCompletesWithTheUndisturbedResults()
    {
        await using var cluster = await PipelineCluster.StartAsync(fixture, PipelineFixture.ThreeSilos);
        var inference = cluster.Silo(PipelineFixture.InferenceSilo);
        await cluster.Cluster.StopSiloAsync(inference);
        var sawWaiting = false;
        var report = await cluster.SweepAsync("inference-restarted", async progress =>
        {
            if (sawWaiting || progress.State != SweepState.WaitingForInference) return;
            sawWaiting = true;
            await cluster.RestartAsync(inference.InstanceNumber);
        });
        Assert.True(sawWaiting);
        AssertSameAsBaseline(report, await cluster.ResultsAsync());
    }

    [Fact]
    public async Task Sweep_WhenAzuriteRestartsMidway_WaitsThenCompletesWithTheUndisturbedResults()
    {
        await using var azurite = await AzuriteProcess.StartAsync();
        await using var cluster = await PipelineCluster.StartAsync(fixture, azurite.ConnectionString, PipelineFixture.ThreeSilos);
        SweepProgress? duringOutage = null;
        var report = await cluster.SweepAsync("storage-restarted", async progress =>
        {
            if (duringOutage is not null || progress.NamesInFlight == 0) return;
            await azurite.StopAsync();
            // Longer than the storage client's own retries (about 6 s), so grains see their storage calls fail.
            await Task.Delay(TimeSpan.FromSeconds(10));
            duringOutage = await cluster.Client.GetGrain<ISweepGrain>("storage-restarted").GetProgress();
            await azurite.RestartAsync();
        });
        Assert.NotNull(duringOutage);
        Assert.False(duringOutage.IsFinished);
        AssertSameAsBaseline(report, await cluster.ResultsAsync());
    }

    private void AssertSameAsBaseline(SweepReport report, IReadOnlyDictionary<string, NameResult> results)
    {
        var expected = fixture.BaselineReport.Progress;
        Assert.Equal(expected.NamesDone, report.Progress.NamesDone);
        Assert.Equal(expected.TracksEmbedded, report.Progress.TracksEmbedded);
        Assert.Equal(expected.TracksCached, report.Progress.TracksCached);
        Assert.Equal(expected.TracksFailed, report.Progress.TracksFailed);
        ResultAssert.SameDisambiguation(fixture.BaselineResults, results);
    }
}
