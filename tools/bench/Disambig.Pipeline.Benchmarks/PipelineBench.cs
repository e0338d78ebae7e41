using System.Diagnostics;
using Disambig.Audio;
using Disambig.Catalog;
using Disambig.Catalog.Demo;
using Disambig.Embedding.Inference;
using Disambig.Grains;
using Disambig.Grains.Catalog;
using Disambig.Vectors;
using Disambig.Silo;
using Disambig.Storage;
using Disambig.TestSupport;
using Disambig.TestSupport.Pipeline;

namespace Disambig.Pipeline.Benchmarks;

/// <summary>
/// The three pipeline figures, each on a generated catalog and the tiny model (untrained d = 32 network for 3 s
/// segments: the figures measure the pipeline, not the model) in a temporary work folder.
/// </summary>
internal static class PipelineBench
{
    /// <summary>Clustering threshold registered with the tiny model; any value works for throughput.</summary>
    private const double Threshold = 1.0;

    /// <summary>
    /// (a) Tracks per second of a sweep on the embedded silo against the same tracks embedded without Orleans (decode,
    /// mel, inference through the same batching service, mean), both with the processor count as concurrency.
    /// </summary>
    public static async Task OverheadAsync(int artists, int tracksPerArtist, TextWriter output)
    {
        using var work = new TemporaryFolder();
        var tracks = await GenerateAsync(work["catalog"], artists, tracksPerArtist, minSeconds: 20, maxSeconds: 40);
        await TinyModel.WriteCheckpointAsync(new LocalFolderBlobStore(new WorkFolder(work["silo"]).Models));
        await TinyModel.WriteCheckpointAsync(new LocalFolderBlobStore(work["plain-models"]));
        await EmbedPlainAsync(work["catalog"], work["plain-models"], tracks.Take(2).ToList());

        var plain = Stopwatch.StartNew();
        await EmbedPlainAsync(work["catalog"], work["plain-models"], tracks);
        plain.Stop();

        await using var silo = await StartSiloAsync(work["silo"], work["catalog"]);
        await silo.Grains.IngestAsync(tracks);
        var sweep = await SweepAsync(silo.Grains, "overhead");

        var plainRate = tracks.Count / plain.Elapsed.TotalSeconds;
        var siloRate = sweep.Progress.TracksEmbedded / (sweep.CompletedAt - sweep.StartedAt).TotalSeconds;
        await output.WriteLineAsync($"tracks: {tracks.Count} ({artists} artists x {tracksPerArtist}, 20-40 s, 3 s segments), cores: {Environment.ProcessorCount}");
        await output.WriteLineAsync($"plain path (no Orleans): {plain.Elapsed.TotalSeconds:0.00} s, {plainRate:0.00} tracks/s");
        await output.WriteLineAsync($"embedded silo sweep:     {(sweep.CompletedAt - sweep.StartedAt).TotalSeconds:0.00} s, {siloRate:0.00} tracks/s");
        await output.WriteLineAsync($"Orleans overhead: {(plainRate / siloRate - 1) * 100:0.0} % (time of the sweep / time of the plain path - 1)");
    }

    /// <summary>
    /// (b) Names per second of a re-sweep where every vector is cached, and (c) the memory of both sweeps: a catalog of
    /// <paramref name="names"/> names of <paramref name="tracksPerName"/> short tracks (a pool of generated files shared
    /// between track ids, so the first sweep still decodes and embeds every track).
    /// </summary>
    public static async Task CachedResweepAsync(int names, int tracksPerName, TextWriter output)
    {
        using var work = new TemporaryFolder();
        var pool = await GenerateAsync(work["catalog"], artists: 8, tracksPerArtist: 2, minSeconds: 3.5, maxSeconds: 4);
        var entries = Enumerable.Range(0, names).SelectMany(name => Enumerable.Range(0, tracksPerName).Select(track =>
        {
            var audio = pool[(name * tracksPerName + track) % pool.Count];
            return new CatalogEntry($"n{name:D6}-t{track}", $"name {name:D6}", $"Name {name:D6}", audio.AudioPath);
        })).ToList();
        await TinyModel.WriteCheckpointAsync(new LocalFolderBlobStore(new WorkFolder(work["silo"]).Models));
        await using var silo = await StartSiloAsync(work["silo"], work["catalog"]);
        foreach (var batch in entries.Chunk(CatalogLimits.MaxBatchTracks)) await silo.Grains.GetGrain<ICatalogGrain>(CatalogKeys.Default).Ingest(batch);

        var first = await SweepAsync(silo.Grains, "first");
        var afterFirst = Memory.Now();
        var again = await SweepAsync(silo.Grains, "cached");
        var afterAgain = Memory.Now();

        var seconds = (again.CompletedAt - again.StartedAt).TotalSeconds;
        await output.WriteLineAsync($"names: {names} x {tracksPerName} tracks (3.5-4 s), cores: {Environment.ProcessorCount}");
        await output.WriteLineAsync($"first sweep: {(first.CompletedAt - first.StartedAt).TotalSeconds:0.0} s, {first.Progress.TracksEmbedded} tracks embedded; {afterFirst}");
        await output.WriteLineAsync($"cached re-sweep: {seconds:0.00} s, {again.Progress.TracksCached} tracks cached, {again.Progress.NamesTotal / seconds:0.0} names/s (target >= 500); {afterAgain}");
    }

    /// <summary>
    /// Prepares the measure of <c>disambig ingest</c> of one big release file: <c>{folder}/work</c> with the tiny model
    /// registered, and <c>{folder}/catalog/releases.jsonl</c> of <paramref name="names"/> names of one track each, whose
    /// audio is missing (so that only ingestion and orchestration work).
    /// </summary>
    public static async Task PrepareIngestAsync(string folder, int names, TextWriter output)
    {
        var work = Path.GetFullPath(Path.Combine(folder, "work"));
        var catalog = Path.GetFullPath(Path.Combine(folder, "catalog"));
        Directory.CreateDirectory(catalog);
        var releases = Path.Combine(catalog, "releases.jsonl");
        await CatalogJsonLines.WriteFileAsync(releases, Enumerable.Range(0, names).Select(i =>
            new CatalogTrack($"trk-{i:D7}", $"Title {i}", $"Artist {i:D7}", null, $"alb-{i:D7}", null, new DateOnly(2020, 1, 1), ["rock"], $"audio/{i:D7}.flac")));
        await TinyModel.WriteCheckpointAsync(new LocalFolderBlobStore(new WorkFolder(work).Models));
        await using (await StartSiloAsync(work, catalog)) { }
        await output.WriteLineAsync($"{names} names in {releases}; tiny model registered in {work}");
        await output.WriteLineAsync($"measure: /usr/bin/time -v disambig ingest --work {work} --catalog-root {catalog} --releases {releases}");
    }

    private static async Task<IReadOnlyList<CatalogTrack>> GenerateAsync(string folder, int artists, int tracksPerArtist, double minSeconds, double maxSeconds)
    {
        var options = new DemoCatalogOptions
        {
            Artists = artists,
            TracksPerArtist = tracksPerArtist,
            AlbumsPerArtist = 1,
            MinTrackSeconds = minSeconds,
            MaxTrackSeconds = maxSeconds,
            HomonymGroups = artists >= 4 ? 1 : 0,
            ArtistsPerGenre = Math.Min(4, artists),
            Formats = [DemoAudioFormat.Wav, DemoAudioFormat.Flac],
            Seed = 7,
        };
        var plan = await DemoCatalogGenerator.GenerateAsync(options, folder);
        return plan.Tracks.Select(t => t.Track).ToList();
    }

    /// <summary>The CLI's path without Orleans: features on the thread pool, the same batching model service, mean and renormalise.</summary>
    private static async Task EmbedPlainAsync(string catalog, string models, IReadOnlyList<CatalogTrack> tracks)
    {
        using var features = new AudioTrackFeatures(TinyModel.Audio, Environment.ProcessorCount);
        await using var embedder = new CheckpointSegmentEmbedder(new LocalFolderBlobStore(models), new EmbeddingServiceOptions());
        var vectoriser = new TrackVectoriser(embedder);
        await Parallel.ForEachAsync(tracks, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, async (track, cancellationToken) =>
            await vectoriser.VectoriseAsync(features, Path.Combine(catalog, track.AudioPath), TinyModel.Version, TinyModel.SegmentSeconds, cancellationToken));
    }

    private static async Task<EmbeddedSilo> StartSiloAsync(string work, string catalog)
    {
        var silo = await EmbeddedPipeline.StartAsync(new EmbeddedPipelineSettings { WorkFolder = work, CatalogFolder = catalog, Audio = TinyModel.Audio }, CancellationToken.None);
        await silo.Grains.GetGrain<IModelRegistryGrain>(ModelRegistry.DefaultKey).Register(TinyModel.Registration(Threshold), makeCurrent: true);
        return silo;
    }

    private static async Task<SweepReport> SweepAsync(IGrainFactory grains, string sweepId)
    {
        var sweep = grains.GetGrain<ISweepGrain>(sweepId);
        var progress = await sweep.Start(SweepRequest.FullCatalog);
        while (!progress.IsFinished)
        {
            await Task.Delay(100);
            progress = await sweep.GetProgress();
        }
        return await sweep.GetReport() ?? throw new InvalidOperationException($"Sweep {sweepId} completed without a report.");
    }

    /// <summary>Managed heap and the process's peak resident set (managed and native: TorchSharp, ffmpeg pipes).</summary>
    private sealed record Memory(long ManagedBytes, long PeakResidentBytes)
    {
        public static Memory Now()
        {
            var peak = File.ReadLines("/proc/self/status").FirstOrDefault(line => line.StartsWith("VmHWM:", StringComparison.Ordinal));
            var peakKb = peak is null ? 0 : long.Parse(peak["VmHWM:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
            return new Memory(GC.GetGCMemoryInfo().HeapSizeBytes, peakKb * 1024);
        }

        public override string ToString() => $"managed heap {ManagedBytes / 1048576.0:0} MiB, peak RSS {PeakResidentBytes / 1048576.0:0} MiB";
    }
}
