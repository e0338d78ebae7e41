using System.Globalization;
using Disambig.Audio;
using Disambig.Catalog;
using Disambig.Catalog.Demo;
using Disambig.Clustering;
using Disambig.Clustering.Calibration;
using Disambig.Embedding.Checkpoints;
using Disambig.Embedding.Inference;
using Disambig.Grains.Names;
using Disambig.Storage;
using Disambig.TestSupport.Pipeline;

namespace Disambig.Pipeline.Benchmarks;

/// <summary>
/// <c>fp16 [ARTISTS] [TRACKS_PER_ARTIST] [HOMONYM_GROUPS]</c>: how far float16 mel messages (what worker silos send to
/// inference silos) move the track vectors and the clusters from float32 ones, on a generated demo catalog, with the
/// pipeline tests' model (<see cref="TinyModel"/>, the paper's network for 3 s segments, d = 32): the smallest cosine
/// between a track's two vectors, and whether Ward at the threshold calibrated on the float32 vectors gives the same
/// entities for every name.
/// </summary>
internal static class PrecisionAgreement
{
    public static async Task RunAsync(int artists, int tracksPerArtist, int homonymGroups, TextWriter output)
    {
        var folder = Directory.CreateTempSubdirectory("disambig-fp16-").FullName;
        try
        {
            var plan = await DemoCatalogGenerator.GenerateAsync(new DemoCatalogOptions
            {
                Artists = artists,
                TracksPerArtist = tracksPerArtist,
                AlbumsPerArtist = 1,
                HomonymGroups = homonymGroups,
                Seed = 3,
            }, Path.Combine(folder, "catalog"));
            var tracks = plan.Tracks.Select(t => t.Track).ToList();
            var models = new LocalFolderBlobStore(Path.Combine(folder, "models"));
            await TinyModel.WriteCheckpointAsync(models);
            var model = await new ModelCheckpointStore(models).LoadAsync(TinyModel.Version, ModelRequirements.Paper, CancellationToken.None);
            await using var service = new EmbeddingService(model, new EmbeddingServiceOptions());
            var extractor = new TrackFeatureExtractor(TinyModel.Audio);

            var singles = new List<float[]>();
            var halves = new List<float[]>();
            foreach (var track in tracks)
            {
                var features = await extractor.ExtractAsync(Path.Combine(folder, "catalog", track.AudioPath), CancellationToken.None);
                singles.Add((await service.EmbedAsync(features.Mel, CancellationToken.None)).TrackVector());
                halves.Add((await service.EmbedAsync(features.Mel.Select(v => (Half)v).ToArray(), CancellationToken.None)).TrackVector());
            }
            var cosines = singles.Zip(halves, Cosine).ToList();

            var names = tracks.Select((track, index) => (Key: ArtistNameKey.From(track.ArtistName), Index: index)).GroupBy(t => t.Key).ToList();
            var groups = names.Select(name =>
            {
                var artistsOfName = name.Select(t => tracks[t.Index].TrueArtistId!).Distinct().ToList();
                return new LabelledGroup(VectorSet.FromRows(name.Select(t => singles[t.Index]).ToList()),
                    [.. name.Select(t => artistsOfName.IndexOf(tracks[t.Index].TrueArtistId!))]);
            }).ToList();
            var threshold = ThresholdCalibrator.Calibrate(groups, new CalibrationOptions { Folds = Math.Min(5, groups.Count), Seed = 1 }).Threshold;
            int identical = names.Count(name =>
                Entities(name.Select(t => (tracks[t.Index].TrackId, singles[t.Index])).ToList(), threshold)
                == Entities(name.Select(t => (tracks[t.Index].TrackId, halves[t.Index])).ToList(), threshold));

            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"demo catalog: {artists} artists x {tracksPerArtist} tracks, {homonymGroups} homonym groups, {tracks.Count} tracks, {names.Count} names; model {TinyModel.Version} (3 s segments, d = 32)"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"cosine(fp32 message, fp16 message) per track vector: min {cosines.Min():0.0000000}, mean {cosines.Average():0.0000000}; largest |difference| {singles.Zip(halves, MaxDifference).Max():0.0e+0}"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Ward at the calibrated threshold {threshold:0.0000}: {identical} of {names.Count} names give identical entities"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string Entities(IReadOnlyList<(string TrackId, float[] Vector)> tracks, double threshold) =>
        string.Join(" | ", NameClustering.Cluster(tracks, threshold).Entities.Select(e => string.Join(",", e.TrackIds.Order(StringComparer.Ordinal)))
            .Order(StringComparer.Ordinal));

    private static double Cosine(float[] a, float[] b)
    {
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.Length; i++)
        {
            dot += (double)a[i] * b[i];
            na += (double)a[i] * a[i];
            nb += (double)b[i] * b[i];
        }
        return dot / Math.Sqrt(na * nb);
    }

    private static double MaxDifference(float[] a, float[] b) => a.Zip(b, (x, y) => Math.Abs((double)x - y)).Max();
}
