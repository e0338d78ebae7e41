using Disambig.Catalog;
using Disambig.Grains.Catalog;
using Disambig.Silo;
using Disambig.Grains.Tests.Fixtures;

namespace Disambig.Grains.Tests;

[Collection(PipelineCollection.Name)]
public sealed class CatalogIngestionTests(PipelineFixture fixture)
{
    [Fact]
    public async Task Ingest_InBatches_ListsEveryNameExactlyOncePageByPage()
    {
        await using var cluster = await PipelineCluster.StartAsync(fixture, "worker,inference,trainer");
        var tracks = Enumerable.Range(0, 3_000).Select(i => Track($"paging-{i}", $"Paging Artist {i % 1_200}")).ToList();

        var totals = await cluster.Client.IngestAsync(tracks.ToAsyncEnumerable(), batchSize: 700);
        var again = await cluster.Client.IngestAsync(tracks.ToAsyncEnumerable(), batchSize: 700);

        Assert.Equal((3_000, 3_000, 1_200), (totals.TracksRead, totals.TracksAdded, totals.TouchedNames.Count));
        Assert.Equal((0, 0), (again.TracksAdded, again.TouchedNames.Count));
        var pages = new List<IReadOnlyList<string>>();
        await foreach (var page in cluster.Client.ListNamePagesAsync(pageSize: 128)) pages.Add(page);
        var listed = pages.SelectMany(page => page).ToList();
        var expected = fixture.Catalog.Entries.Select(e => e.NameKey).Concat(totals.TouchedNames).Distinct().Order(StringComparer.Ordinal);
        Assert.Equal(expected, listed.Order(StringComparer.Ordinal));
        Assert.All(pages.SkipLast(1), page => Assert.Equal(128, page.Count));
        var name = cluster.Client.GetGrain<IArtistNameGrain>(ArtistNameKey.From("Paging Artist 7"));
        Assert.Equal(3, (await name.GetTracks()).Count);
    }

    [Fact]
    public async Task Ingest_OfManyNames_LetsTheirActivationsGoBackInsteadOfKeepingThemForTheCollectionAge()
    {
        await using var cluster = await PipelineCluster.StartAsync(fixture, "worker,inference,trainer");
        var tracks = Enumerable.Range(0, 400).Select(i => Track($"released-{i}", $"Released Artist {i}")).ToList();

        var totals = await cluster.Client.IngestAsync(tracks.ToAsyncEnumerable(), batchSize: 100);

        // A name deactivates once ingestion has added its tracks (a catalog's names would otherwise stay in memory for
        // the 2-minute collection age); deactivation happens after the call returns, so it is awaited, not timed.
        Assert.Equal(400, totals.TouchedNames.Count);
        var management = cluster.Client.GetGrain<IManagementGrain>(0);
        int active;
        var polls = 0;
        do
        {
            await Task.Delay(100);
            active = (await management.GetSimpleGrainStatistics())
                .Where(s => s.GrainType.Contains(nameof(Names.ArtistNameGrain), StringComparison.Ordinal)).Sum(s => s.ActivationCount);
        }
        while (active > 0 && ++polls < 300);
        Assert.Equal(0, active);
        Assert.Single(await cluster.Client.GetGrain<IArtistNameGrain>(ArtistNameKey.From("Released Artist 7")).GetTracks());
    }

    [Fact]
    public async Task Ingest_OfABatchAboveTheLimit_IsRefusedNamingTheLimit()
    {
        var entries = Enumerable.Range(0, CatalogLimits.MaxBatchTracks + 1).Select(i => new CatalogEntry($"big-{i}", "big", "Big", "big.wav")).ToList();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => fixture.Baseline.Client.GetGrain<ICatalogGrain>(CatalogKeys.Default).Ingest(entries));

        Assert.Contains($"at most {CatalogLimits.MaxBatchTracks} tracks", error.Message);
    }

    [Fact]
    public async Task Sweep_OfANameFailingEveryAttempt_RecordsNameFailedWithItsReasonAndCompletes()
    {
        await using var cluster = await PipelineCluster.StartAsync(fixture, "worker,inference,trainer");
        // Its result's object name is longer than a file name may be, so writing the result fails every time.
        var artist = "Long " + new string('x', 300);
        await cluster.Client.IngestAsync([Track("long-1", artist)]);

        var started = await cluster.Client.GetGrain<ISweepSchedulerGrain>(SweepScheduler.DefaultKey).StartNamesSweep([ArtistNameKey.From(artist)]);
        var report = await cluster.FollowAsync(started.SweepId);

        var outcome = Assert.Single(await cluster.OutcomesAsync(started.SweepId));
        Assert.Equal(NameDecision.NameFailed, outcome.Decision);
        Assert.Contains("failed 3 attempts", outcome.FailureReason);
        Assert.Equal((0, 1), (report.Progress.NamesDone, report.Progress.NamesFailed));
    }

    private static CatalogTrack Track(string id, string artist) =>
        new(id, $"Title {id}", artist, null, $"album-{id}", null, new DateOnly(2020, 1, 1), ["rock"], $"missing/{id}.wav");
}
