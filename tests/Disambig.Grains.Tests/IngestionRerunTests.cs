using System.Runtime.CompilerServices;
using Disambig.Catalog;
using Disambig.Grains.Hosting;
using Disambig.Grains.Tests.Fixtures;
using Disambig.Silo;

namespace Disambig.Grains.Tests;

/// <summary>
/// <c>disambig ingest</c>'s names sweep when the cluster fails in the middle: what was ingested stays, and a rerun of the
/// same ingestion continues the sweep the failed run registered, with every touched name in it once.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class IngestionRerunTests(PipelineFixture fixture)
{
    private const string Origin = "catalog:releases/2026-12.jsonl";
    private const int Names = 30;

    /// <summary>Two tracks per name, one after the other in the file, without audio (each name's run ends at once with no usable track).</summary>
    private static readonly IReadOnlyList<CatalogTrack> Tracks = [.. Enumerable.Range(0, 2 * Names).Select(i =>
        new CatalogTrack($"rerun-{i}", $"Title {i}", $"Rerun Artist {i / 2:D2}", null, $"album-{i}", null, new DateOnly(2020, 1, 1), ["rock"], $"missing/rerun-{i}.wav"))];

    private static IReadOnlyList<string> AllNames => [.. Tracks.Select(t => ArtistNameKey.From(t.ArtistName)).Distinct().Order(StringComparer.Ordinal)];

    [Fact]
    public async Task IngestRerun_AfterTheClusterFailedMidIngest_ContinuesTheRegisteredSweepAndSweepsEveryTouchedNameOnce()
    {
        await using var cluster = await PipelineCluster.StartAsync(fixture, null, ["worker,inference,trainer"], [],
            new Dictionary<string, string?> { [PipelineSiloConfigurator.PipelineKey(nameof(PipelineOptions.CatalogPartitions))] = "3" });
        // The first run: batches of 10 tracks (5 names), its sweep registered by an early flush (a buffer of 8 names);
        // the cluster fails after 30 tracks, in the middle of a batch the catalog had half applied (its answer never
        // came back). Names 8 to 14 were in the feed's buffer, 15 and 16 in that batch: all their tracks are ingested,
        // so the rerun finds nothing to add to them.
        var first = new NamesSweepFeed(cluster.Client, bufferNames: 8, callSize: 3, origin: Origin);
        await Assert.ThrowsAsync<TimeoutException>(() => cluster.Client.IngestAsync(FailingAfter(cluster.Client, 30), (batch, token) =>
            first.AddAsync(batch.NamesToSweep, token), batchSize: 10));
        Assert.NotNull(first.SweepId);

        // The rerun of the same ingestion: the names the first run added come back as awaiting their sweep.
        var rerun = new NamesSweepFeed(cluster.Client, bufferNames: 8, callSize: 3, origin: Origin);
        var awaiting = new HashSet<string>(StringComparer.Ordinal);
        await cluster.Client.IngestAsync(Tracks.ToAsyncEnumerable(), async (batch, token) =>
        {
            awaiting.UnionWith(batch.AwaitingNames);
            await rerun.AddAsync(batch.NamesToSweep, token);
        }, batchSize: 10);
        var started = await rerun.StartAsync();
        var report = await cluster.FollowAsync(started.SweepId);

        Assert.Equal(first.SweepId, started.SweepId);
        Assert.NotEmpty(awaiting);
        Assert.Equal((Names, Names), (report.Progress.NamesTotal, report.Progress.NamesFinished));
        Assert.Equal(AllNames, (await cluster.OutcomesAsync(started.SweepId)).Select(o => o.NameKey).Order(StringComparer.Ordinal));
        var scheduler = cluster.Client.GetGrain<ISweepSchedulerGrain>(SweepScheduler.DefaultKey);
        foreach (var sweepId in await scheduler.ListSweeps())
        {
            Assert.NotEqual(SweepState.NotStarted, (await cluster.Client.GetGrain<ISweepGrain>(sweepId).GetProgress()).State);
        }
        // Swept, the names no longer await: a third run touches nothing and registers no sweep.
        var third = new NamesSweepFeed(cluster.Client, origin: Origin);
        await cluster.Client.IngestAsync(Tracks.ToAsyncEnumerable(), (batch, token) => third.AddAsync(batch.NamesToSweep, token), batchSize: 10);
        Assert.True(third.IsEmpty);
    }

    [Fact]
    public async Task NamesSweep_WhoseAddNamesAnswerWasLostThenRetried_ShowsEveryPlannedNameInItsTotal()
    {
        var entries = CatalogEntries.From(Tracks);
        await using var cluster = await PipelineCluster.StartAsync(fixture, null, ["worker,inference,trainer"], entries,
            new Dictionary<string, string?> { [PipelineSiloConfigurator.PipelineKey(nameof(PipelineOptions.CatalogPartitions))] = "3" });
        var sweepId = await cluster.Client.GetGrain<ISweepSchedulerGrain>(SweepScheduler.DefaultKey).NewNamesSweep();
        // The coordinator's call reached one partition, which planned its names, and then failed (a timeout): the
        // coordinator counted nothing. Its retry sends the same names; that partition finds them planned already.
        var lost = AllNames.Where(name => CatalogPartitioning.PartitionOf(name, 3) == 1).ToList();
        Assert.Equal(lost.Count, await cluster.Client.GetGrain<ISweepPartitionGrain>(SweepKeys.Partition(sweepId, 1)).AddNames(lost));
        var sweep = cluster.Client.GetGrain<ISweepGrain>(sweepId);
        await sweep.AddNames(AllNames);

        var started = await sweep.Start(SweepRequest.AddedNames);
        var totals = new List<int> { started.NamesTotal };
        var report = await cluster.FollowAsync(sweepId, progress =>
        {
            totals.Add(progress.NamesTotal);
            return Task.CompletedTask;
        });

        Assert.All(totals, total => Assert.Equal(Names, total));
        Assert.Equal((Names, Names), (report.Progress.NamesTotal, report.Progress.NamesFinished));
        Assert.Equal(AllNames, (await cluster.OutcomesAsync(sweepId)).Select(o => o.NameKey).Order(StringComparer.Ordinal));
    }

    /// <summary>
    /// The tracks as a file read until the cluster fails: the first <paramref name="sent"/> tracks, then half of the next
    /// batch reaches the catalog (its answer lost), then the failure.
    /// </summary>
    private static async IAsyncEnumerable<CatalogTrack> FailingAfter(IClusterClient client, int sent, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var track in Tracks.Take(sent)) yield return track;
        await client.GetGrain<ICatalogGrain>(CatalogKeys.Default).Ingest(CatalogEntries.From(Tracks.Skip(sent).Take(5)));
        cancellationToken.ThrowIfCancellationRequested();
        throw new TimeoutException("Response did not arrive on time (the cluster failed).");
    }
}
