using Disambig.Grains.Hosting;
using Disambig.Grains.Sweeps;
using Disambig.Grains.Tests.Fixtures;

namespace Disambig.Grains.Tests;

/// <summary>A sweep whose partitions hold more names than one page of their walk, and more outcomes than one chunk.</summary>
[Collection(PipelineCollection.Name)]
public sealed class SweepPartitionTests(PipelineFixture fixture)
{
    private const int Names = SweepPartitionGrain.SourcePage + 44;

    private static IReadOnlyList<CatalogEntry> MissingAudio(int names) =>
        [.. Enumerable.Range(0, names).Select(i => new CatalogEntry($"t{i}", $"name {i:D4}", $"Name {i:D4}", $"missing/{i}.wav"))];

    [Fact]
    public async Task Sweep_OfAPartitionLongerThanAPage_WalksEveryNameOnce_AndItsChunksAddUpToItsCounters()
    {
        await using var cluster = await PipelineCluster.StartAsync(fixture, null, ["worker,inference,trainer"], MissingAudio(Names),
            new Dictionary<string, string?>(PipelineSiloConfigurator.HoldingOutcomes(50))
            {
                [PipelineSiloConfigurator.PipelineKey(nameof(PipelineOptions.CatalogPartitions))] = "1",
            });

        var report = await cluster.SweepAsync("long-partition");

        Assert.Equal((Names, 0, Names), (report.Progress.NamesTotal, report.Progress.NamesDone, report.Progress.NamesFailed));
        Assert.Equal(Names, report.Progress.NamesByDecision[NameDecision.NoUsableTracks]);
        Assert.Equal(Names, report.Progress.TracksFailedByReason[TrackFailureReason.FileNotFound]);
        var lines = await cluster.ChunkFileOutcomesAsync("long-partition");
        Assert.Equal(MissingAudio(Names).Select(e => e.NameKey), lines.Select(o => o.NameKey).Order(StringComparer.Ordinal));
        Assert.True(Directory.GetFiles(Path.Combine(cluster.ResultsFolder, "sweeps", "long-partition", "p000"), "chunk-*.jsonl").Length >= Names / 50);
        var paged = await cluster.OutcomesAsync("long-partition", pageSize: 7);
        Assert.Equal(lines.Select(o => o.NameKey), paged.Select(o => o.NameKey));
    }

    [Fact]
    public async Task Sweep_OfPartitionsDoneWithinTheFlushInterval_WritesEachPartitionsStateOnceAndOneChunk()
    {
        var key = $"flush-{Guid.NewGuid():N}";
        await using var cluster = await PipelineCluster.StartAsync(fixture, null, ["worker,inference,trainer"], MissingAudio(40),
            new Dictionary<string, string?>
            {
                [PipelineSiloConfigurator.PipelineKey(nameof(PipelineOptions.CatalogPartitions))] = "4",
                [PipelineSiloConfigurator.PipelineKey(nameof(PipelineOptions.SweepFlushInterval))] = "00:05:00",
                [PipelineSiloConfigurator.CountingStateKey] = key,
            });
        var counts = GrainStorageCounts.For(key);

        var report = await cluster.SweepAsync("one-write");

        // Not on start, not per outcome, not apart from the last flush: one write completes each partition.
        var partitions = MissingAudio(40).Select(e => CatalogPartitioning.PartitionOf(e.NameKey, 4)).Distinct().Count();
        Assert.Equal(partitions, counts.Count("sweep-partition", "write"));
        Assert.Equal(1, counts.MostOfOneGrain("sweep-partition", "write"));
        var chunks = Directory.GetFiles(Path.Combine(cluster.ResultsFolder, "sweeps", "one-write"), "chunk-*.jsonl", SearchOption.AllDirectories);
        Assert.Equal(partitions, chunks.Length);
        Assert.Equal((40, 40), (report.Progress.NamesTotal, report.Progress.NamesFailed));
        var lines = await cluster.ChunkFileOutcomesAsync("one-write");
        Assert.Equal(MissingAudio(40).Select(e => e.NameKey), lines.Select(o => o.NameKey).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task NamesSweep_SentInSmallBatchesWithDuplicates_SweepsEachNameOnce()
    {
        await using var cluster = await PipelineCluster.StartAsync(fixture, null, ["worker,inference,trainer"], MissingAudio(40),
            new Dictionary<string, string?> { [PipelineSiloConfigurator.PipelineKey(nameof(PipelineOptions.CatalogPartitions))] = "3" });
        var names = MissingAudio(40).Select(e => e.NameKey).ToList();

        var started = await cluster.Client.StartNamesSweepAsync([.. names, .. names.Take(10)], batchSize: 6);
        var report = await cluster.FollowAsync(started.SweepId);

        Assert.Equal((40, 40), (report.Progress.NamesTotal, report.Progress.NamesFailed));
        Assert.Equal(names, (await cluster.OutcomesAsync(started.SweepId)).Select(o => o.NameKey).Order(StringComparer.Ordinal));
        Assert.Contains(started.SweepId, await cluster.Client.GetGrain<ISweepSchedulerGrain>(SweepScheduler.DefaultKey).ListSweeps());
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => cluster.Client.GetGrain<ISweepGrain>(started.SweepId).AddNames(["late"]));
        Assert.Contains("has started", error.Message);
    }

    [Fact]
    public async Task NamesSweepFeed_GivenNamesAgainInLaterFlushes_SweepsEachNameOnceWithABoundedBuffer()
    {
        await using var cluster = await PipelineCluster.StartAsync(fixture, null, ["worker,inference,trainer"], MissingAudio(40),
            new Dictionary<string, string?> { [PipelineSiloConfigurator.PipelineKey(nameof(PipelineOptions.CatalogPartitions))] = "3" });
        var names = MissingAudio(40).Select(e => e.NameKey).ToList();
        // As a streamed ingestion feeds it: each batch's touched names, a name touched again by a later batch, the
        // buffer (7 names) flushed many times, so repeated names reach partitions whose plans already hold them.
        var feed = new NamesSweepFeed(cluster.Client, bufferNames: 7, callSize: 3);

        foreach (var batch in names.Chunk(5)) await feed.AddAsync([.. batch, names[0], names[^1]]);
        await feed.AddAsync(names.Take(12));
        var started = await feed.StartAsync();
        var report = await cluster.FollowAsync(started.SweepId);

        Assert.Equal((40, 40), (report.Progress.NamesTotal, report.Progress.NamesFailed));
        Assert.Equal(names, (await cluster.OutcomesAsync(started.SweepId)).Select(o => o.NameKey).Order(StringComparer.Ordinal));
    }
}
