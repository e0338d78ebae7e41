using Disambig.Audio;
using Disambig.Catalog;
using Disambig.Clustering.Calibration;
using Disambig.Embedding.Checkpoints;
using Disambig.Embedding.Inference;
using Disambig.Embedding.Networks;
using Disambig.Grains;
using Disambig.Storage;
using Disambig.Vectors;
using Disambig.Vectors.Calibration;

namespace Disambig.TestSupport.Pipeline;

/// <summary>
/// A tiny model for pipeline tests: the paper's network for 3 s segments with d = 32, weights drawn from a fixed seed
/// (untrained: the tests check the pipeline, not the model), saved as a checkpoint, with a threshold calibrated on the
/// demo catalog's names by the paper's protocol.
/// </summary>
public static class TinyModel
{
    public const string Version = "tiny-test";
    public const int SegmentSeconds = 3;

    public static AudioOptions Audio => new() { SegmentSeconds = SegmentSeconds, MinimumTrackSeconds = 2 };

    /// <summary>Writes the checkpoint to <paramref name="modelsFolder"/> and returns the registration of the model.</summary>
    public static Task<ModelVersionInfo> CreateAsync(string modelsFolder, DemoCatalog catalog) =>
        CreateAsync(new LocalFolderBlobStore(modelsFolder), catalog);

    /// <summary>Writes the checkpoint to the models <paramref name="store"/> and returns the registration of the model.</summary>
    public static async Task<ModelVersionInfo> CreateAsync(IBlobStore store, DemoCatalog catalog)
    {
        await WriteCheckpointAsync(store);
        return Registration(await CalibrateAsync(store, catalog));
    }

    /// <summary>Writes the untrained checkpoint (weights from a fixed seed) of <see cref="Version"/> to the models <paramref name="store"/>.</summary>
    public static Task WriteCheckpointAsync(IBlobStore store) => WriteCheckpointAsync(store, Version, SegmentSeconds);

    /// <summary>Writes an untrained checkpoint like <see cref="Version"/>'s as <paramref name="version"/>, taking segments of <paramref name="segmentSeconds"/>.</summary>
    public static async Task WriteCheckpointAsync(IBlobStore store, string version, int segmentSeconds)
    {
        using var network = NetworkFactory.Create(NetworkSpec.PaperMetric(32, MelSettings.Paper.FramesFor(segmentSeconds)), seed: 5);
        var provenance = new ModelProvenance(MelSettings.Paper, segmentSeconds, "test");
        await new ModelCheckpointStore(store).SaveAsync(network,
            provenance.Describe(version, network.Spec, null, "demo", new Dictionary<string, double>(), DateTimeOffset.UnixEpoch), CancellationToken.None);
    }

    /// <summary>The registration of <see cref="Version"/> with a clustering <paramref name="threshold"/>.</summary>
    public static ModelVersionInfo Registration(double threshold) => new(Version, threshold, 32, DateTimeOffset.UnixEpoch, "test", SegmentSeconds);

    /// <summary>The shared calibration, on the demo catalog's names (in-sample: the model is untrained anyway).</summary>
    private static async Task<double> CalibrateAsync(IBlobStore models, DemoCatalog catalog)
    {
        using var features = new AudioTrackFeatures(Audio, concurrency: 1);
        await using var embedder = new CheckpointSegmentEmbedder(models, new EmbeddingServiceOptions());
        var vectoriser = new TrackVectoriser(embedder);
        var names = new List<IReadOnlyList<ArtistVector>>();
        foreach (var name in catalog.Tracks.GroupBy(t => ArtistNameKey.From(t.ArtistName)))
        {
            var vectors = new List<ArtistVector>();
            foreach (var track in name)
            {
                var path = Path.Combine(catalog.Folder, track.AudioPath);
                vectors.Add(new ArtistVector(track.TrueArtistId!, await vectoriser.VectoriseAsync(features, path, Version, SegmentSeconds, CancellationToken.None)));
            }
            names.Add(vectors);
        }
        return HeldOutCalibration.Calibrate(names, [], new CalibrationOptions { Folds = 2, Seed = 1 }).Threshold;
    }
}
