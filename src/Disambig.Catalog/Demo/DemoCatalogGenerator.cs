namespace Disambig.Catalog.Demo;

/// <summary>Progress of <see cref="DemoCatalogGenerator.GenerateAsync"/>: tracks written so far, out of the total, and the latest one.</summary>
public sealed record DemoCatalogProgress(int TracksDone, int TracksTotal, CatalogTrack LastTrack);

/// <summary>Writes a synthetic demo catalog to a folder: real audio files under <c>audio/</c>, then <c>catalog.jsonl</c>.</summary>
public static class DemoCatalogGenerator
{
    /// <summary>Name of the catalog file at the root of the output folder.</summary>
    public const string CatalogFileName = "catalog.jsonl";

    /// <summary>
    /// Plans the catalog, synthesises and encodes every album (up to <see cref="DemoCatalogOptions.MaxParallelism"/> at once,
    /// each one synthesis thread feeding one ffmpeg process), and writes <see cref="CatalogFileName"/> last, so that a
    /// catalog file on disk always has all its audio.
    /// </summary>
    /// <param name="options">Settings; validated first.</param>
    /// <param name="outputDirectory">Catalog root; created when missing. Existing files of the same names are replaced.</param>
    /// <param name="progress">Told of each track once its album is written, from worker threads.</param>
    /// <param name="cancellationToken">Stops the work; running ffmpeg processes are killed and partial files removed.</param>
    /// <returns>The plan that was written (artists, albums, tracks).</returns>
    /// <exception cref="AudioEncodingException">ffmpeg is missing or failed on a file.</exception>
    public static async Task<DemoCatalogPlan> GenerateAsync(
        DemoCatalogOptions options,
        string outputDirectory,
        IProgress<DemoCatalogProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var plan = DemoCatalogPlanner.Plan(options);
        var root = new CatalogRoot(outputDirectory);
        Directory.CreateDirectory(root.FullPath);
        var done = 0;
        var albums = plan.Tracks.GroupBy(track => track.Album.AlbumId).Select(album => album.ToArray()).ToArray();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxParallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(albums, parallel, async (album, token) =>
        {
            var outputs = album.Select(track => new EncoderOutput(root.Resolve(track.Track), DemoTrackSynthesizer.SampleCount(track, plan.SampleRate))).ToArray();
            Directory.CreateDirectory(Path.GetDirectoryName(outputs[0].Path)!);
            await FfmpegEncoder.EncodeAsync(
                outputs, i => DemoTrackSynthesizer.Synthesize(album[i], plan.SampleRate), plan.SampleRate, album[0].Album.Format, options.FfmpegPath, token);
            foreach (var track in album)
            {
                progress?.Report(new DemoCatalogProgress(Interlocked.Increment(ref done), plan.Tracks.Count, track.Track));
            }
        });
        await CatalogJsonLines.WriteFileAsync(Path.Combine(root.FullPath, CatalogFileName), plan.Tracks.Select(track => track.Track), cancellationToken);
        return plan;
    }
}
