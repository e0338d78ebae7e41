using Disambig.Grains.Tests.Fixtures;
using Disambig.TestSupport;
using Orleans.Core.Internal;

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
        await AssertEachNameOnceInTheChunksAsync(cluster, "worker-lost");
    }

    [Fact]
    public async Task Sweep_WhenItsCoordinatorAndPartitionsAreDeactivatedMidway_LosesAndDoubleCountsNothing()
    {
        // Partitions flush only when their walk ends: deactivated midway, they lose recorded outcomes and their position.
        await using var cluster = await PipelineCluster.StartAsync(fixture, null, PipelineFixture.ThreeSilos, fixture.Catalog.Entries,
            new Dictionary<string, string?>(PipelineSiloConfigurator.HoldingOutcomes(1000)));
        var partitions = await cluster.Client.GetGrain<ICatalogGrain>(CatalogKeys.Default).GetPartitionCount();
        var used = fixture.Catalog.Entries.Select(e => CatalogPartitioning.PartitionOf(e.NameKey, partitions)).Distinct().ToList();
        var deactivations = 0;
        var report = await cluster.SweepAsync("deactivated", async progress =>
        {
            // Twice: once early (outcomes in flight or not yet flushed), once later on.
            if (deactivations >= 2 || progress.NamesFinished <= deactivations * progress.NamesTotal / 2) return;
            deactivations++;
            await cluster.Client.GetGrain<ISweepGrain>("deactivated").Cast<IGrainManagementExtension>().DeactivateOnIdle();
            foreach (var partition in used)
            {
                await cluster.Client.GetGrain<ISweepPartitionGrain>(SweepKeys.Partition("deactivated", partition))
                    .Cast<IGrainManagementExtension>().DeactivateOnIdle();
            }
        });
        Assert.True(deactivations > 0);
        AssertSameAsBaseline(report, await cluster.ResultsAsync());
        await AssertEachNameOnceInTheChunksAsync(cluster, "deactivated");
        Assert.Equal(fixture.BaselineReport.Progress.NamesTotal, (await cluster.OutcomesAsync("deactivated")).Count);
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

    /// <summary>The chunk files hold every name of the catalog exactly once, and add up to the report's counters.</summary>
    private async Task AssertEachNameOnceInTheChunksAsync(PipelineCluster cluster, string sweepId)
    {
        var lines = await cluster.ChunkFileOutcomesAsync(sweepId);
        Assert.Equal(fixture.Catalog.Entries.Select(e => e.NameKey).Distinct().Order(StringComparer.Ordinal), lines.Select(o => o.NameKey).Order(StringComparer.Ordinal));
        var recount = new SweepCounters();
        foreach (var outcome in lines) recount.Add(outcome);
        var expected = fixture.BaselineReport.Progress;
        Assert.Equal((expected.NamesDone, expected.NamesFailed, expected.TracksFailed), (recount.NamesDone, recount.NamesFailed, recount.TracksFailed));
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
