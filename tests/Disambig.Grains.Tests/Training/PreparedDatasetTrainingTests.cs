using Disambig.Grains.Services;
using Disambig.Vectors;
using Disambig.Segments;
using Disambig.Datasets;
using Disambig.Embedding.Checkpoints;
using Disambig.Embedding.Networks;
using Disambig.Grains;
using Disambig.Storage;
using Disambig.Vectors.Training;

namespace Disambig.Grains.Tests.Training;

public sealed class PreparedDatasetTrainingTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("disambig-vectors-");

    public void Dispose() => _folder.Delete(recursive: true);

    /// <summary>Decodes nothing: a job on a prepared dataset must not touch audio.</summary>
    private sealed class NoAudio : ITrackFeatures
    {
        public Task<SegmentBatch> ExtractAsync(string localPath, int segmentSeconds, CancellationToken cancellationToken) =>
            throw new InvalidOperationException($"{localPath} was decoded");
    }

    private sealed class Steps : IProgress<TrainingStep>
    {
        public int Last { get; private set; }

        public void Report(TrainingStep value) => Last = value.Step;
    }

    /// <summary>8 artists under 4 names, 2 tracks each of 2 segments of 3 s, random mel power, format 2.</summary>
    private static async Task WriteDatasetAsync(IBlobStore store, string prefix)
    {
        int frames = MelSettings.Paper.FramesFor(3), bands = MelSettings.Paper.MelBands;
        var writer = await SegmentDatasetWriter.OpenAsync(store, prefix, frames, bands, shardCapacity: 8, "plan", CancellationToken.None);
        var random = new Random(2);
        for (int artist = 0; artist < 8; artist++)
        {
            for (int track = 0; track < 2; track++)
            {
                var entry = new TrackEntry($"a{artist}-t{track}", $"name {artist / 2}");
                for (int segment = 0; segment < 2; segment++)
                {
                    var values = new float[frames * bands];
                    for (int v = 0; v < values.Length; v++) values[v] = (float)(random.NextDouble() * (1 + artist));
                    await writer.AddAsync(artist, entry, values, CancellationToken.None);
                }
            }
        }
        await writer.CompleteAsync([.. Enumerable.Range(0, 8).Select(a => new ArtistEntry($"artist-{a}", []))], new Dictionary<string, string>(), CancellationToken.None);
    }

    [Fact]
    public async Task Train_OnAPreparedDatasetInTheStore_PublishesTheModelWithAThresholdCalibratedOnHeldOutArtists()
    {
        var datasets = new LocalFolderBlobStore(Path.Combine(_folder.FullName, "datasets"));
        var models = new LocalFolderBlobStore(Path.Combine(_folder.FullName, "models"));
        await WriteDatasetAsync(datasets, "prepared/train/");
        var runner = new CatalogTrainingRunner(datasets, models, new NoAudio(), TimeProvider.System, Path.Combine(_folder.FullName, "cache"));
        var steps = new Steps();

        var model = await runner.TrainAsync("job", new TrainingJobRequest("prepared/train", "v-prepared", Steps: 2, Seed: 5, MakeCurrent: false, SegmentSeconds: 3), steps, CancellationToken.None);

        Assert.Equal(2, steps.Last);
        Assert.True(double.IsFinite(model.Threshold) && model.Threshold >= 0, $"threshold {model.Threshold}");
        var metadata = await new ModelCheckpointStore(models).ReadMetadataAsync("v-prepared", CancellationToken.None);
        Assert.Equal(model.Threshold, metadata.ClusteringThreshold);
        Assert.Equal(3, metadata.SegmentSeconds);
        // The split probability fitted at that threshold on the same held-out names: in the registration and in meta.json.
        var split = model.SplitProbability!;
        Assert.Equal((split.PlattA, split.PlattB, split.MinSplitProbability), (metadata.SplitProbability!.A, metadata.SplitProbability.B, metadata.MinSplitProbability!.Value));
        Assert.Equal(0.5, split.MinSplitProbability);
    }

    [Fact]
    public async Task Train_TracklessDataset_SaysItMustBeRebuilt()
    {
        var datasets = new LocalFolderBlobStore(Path.Combine(_folder.FullName, "datasets"));
        await WriteDatasetAsync(datasets, "old/");
        var manifest = Path.Combine(_folder.FullName, "datasets", "old", SegmentDatasetManifest.FileName);
        await File.WriteAllTextAsync(manifest, (await File.ReadAllTextAsync(manifest)).Replace(SegmentDatasetManifest.CurrentFormat, SegmentDatasetManifest.TracklessFormat));
        var runner = new CatalogTrainingRunner(datasets, new LocalFolderBlobStore(Path.Combine(_folder.FullName, "models")), new NoAudio(), TimeProvider.System);

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            runner.TrainAsync("job", new TrainingJobRequest("old/", "v-old", Steps: 1, Seed: 1, MakeCurrent: false, SegmentSeconds: 3), new Steps(), CancellationToken.None));

        Assert.Contains("rebuild it", error.Message);
    }
}
