using Disambig.Catalog;
using Disambig.Grains;
using Disambig.Grains.Hosting;
using Disambig.Silo;
using Disambig.Silo.Bench;
using Disambig.TestSupport;
using Disambig.TestSupport.Processes;
using Microsoft.Extensions.Configuration;

namespace Disambig.Dashboard.Browser.Tests;

/// <summary>
/// An embedded run whose audio, features and embeddings are the bench stubs (<see cref="BenchOptions.StubAudio"/>:
/// synthetic tracks whose vectors cluster by true artist, no decoding), serving HTTP on a free loopback port, so names
/// of hundreds of tracks are swept in seconds.
/// </summary>
internal static class StubbedRun
{
    /// <summary>Starts the run in <paramref name="folder"/> with the stub model current; <paramref name="pipeline"/> adds pipeline options.</summary>
    public static async Task<EmbeddedSilo> StartAsync(TemporaryFolder folder, Action<PipelineOptions>? pipeline = null)
    {
        var work = new WorkFolder(folder["work"]);
        var catalog = folder["catalog"];
        Directory.CreateDirectory(catalog);
        var stubs = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [$"{BenchOptions.SectionName}:{nameof(BenchOptions.StubAudio)}"] = "true" })
            .Build();
        var silo = await EmbeddedPipeline.StartAsync(new EmbeddedPipelineSettings
        {
            WorkFolder = work.Root,
            CatalogFolder = catalog,
            Pipeline = options =>
            {
                options.PollInterval = TimeSpan.FromMilliseconds(300);
                pipeline?.Invoke(options);
            },
            Http = http => http.Urls = "http://127.0.0.1:0",
            Silo = silo => silo.AddDisambigBench(stubs),
        }, CancellationToken.None);
        await silo.Grains.GetGrain<IModelRegistryGrain>(ModelRegistry.DefaultKey).Register(StubCatalog.Model, makeCurrent: true);
        return silo;
    }

    /// <summary>Ingests <paramref name="tracks"/> and sweeps every name; the sweep once completed.</summary>
    public static async Task<SweepProgress> IngestAndSweepAsync(EmbeddedSilo silo, IReadOnlyList<CatalogTrack> tracks)
    {
        await silo.Grains.IngestAsync(tracks);
        var started = await silo.Grains.GetGrain<ISweepSchedulerGrain>(SweepScheduler.DefaultKey).StartFullSweep();
        return await EmbeddedDashboardFixture.WaitForSweepAsync(silo, started.SweepId);
    }

    /// <summary><paramref name="count"/> tracks of one true artist under <paramref name="name"/>, in releases of 50.</summary>
    public static IEnumerable<CatalogTrack> OneArtist(string name, string artist, int count) =>
        Enumerable.Range(0, count).Select(i => new CatalogTrack($"{artist}-{i:D3}", $"Song {i}", name, artist, $"{artist}-r{i / 50}", $"Album {i / 50}",
            new DateOnly(2000 + i / 50, 1, 1), ["jazz"], StubAudioPaths.Of(artist, i / 50, 50, i % 50)));
}
