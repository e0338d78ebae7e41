using Disambig.Audio;
using Disambig.Catalog;
using Disambig.Clustering.Calibration;
using Disambig.Embedding.Checkpoints;
using Disambig.Embedding.Data;
using Disambig.Embedding.Inference;
using Disambig.Embedding.Networks;
using Disambig.Embedding.Training;
using Disambig.Grains;
using Disambig.Storage;
using Disambig.Vectors.Calibration;

namespace Disambig.Vectors.Training;

/// <summary>
/// The trainer silo's job (<see cref="ITrainingRunner"/>) over the shared workflows: the labelled catalog of the
/// datasets store is decoded a few tracks at a time; a share of its artists (the job's
/// <see cref="TrainingJobRequest.HeldOutArtistShare"/>) is held out from training, serving as the early-stopping
/// validation and then, pooled into homonym names of two and each under its own name, as the calibration set of the
/// Ward threshold (<see cref="HeldOutCalibration"/>); the network is trained with the job's settings
/// (<see cref="ModelTraining"/>), and the threshold is calibrated on the published checkpoint, vectorised as the
/// pipeline vectorises (<see cref="TrackVectoriser"/>). Runs on the thread pool, never on the Orleans scheduler.
/// </summary>
/// <param name="datasets">The datasets store (the job's catalog and its audio).</param>
/// <param name="models">The models store the checkpoint is written to.</param>
/// <param name="features">Decoding and mel.</param>
/// <param name="time">Time of publication.</param>
public sealed class CatalogTrainingRunner(IBlobStore datasets, IBlobStore models, ITrackFeatures features, TimeProvider time) : ITrainingRunner
{
    /// <summary>Artists pooled under one held-out homonym name.</summary>
    public const int HeldOutArtistsPerName = 2;

    /// <summary>Fewest held-out artists: two pooled names, so that the threshold has folds to be chosen on.</summary>
    public const int MinHeldOutArtists = 2 * HeldOutArtistsPerName;

    public Task<ModelVersionInfo> TrainAsync(string jobId, TrainingJobRequest request, IProgress<TrainingStep> progress, CancellationToken cancellationToken) =>
        Task.Run(() => RunAsync(jobId, request, progress, cancellationToken), cancellationToken);

    private async Task<ModelVersionInfo> RunAsync(string jobId, TrainingJobRequest request, IProgress<TrainingStep> progress, CancellationToken cancellationToken)
    {
        request.Validate();
        var seed = (int)(request.Seed % int.MaxValue);
        var tracks = await ExtractAsync(await ReadCatalogAsync(request.Dataset, cancellationToken), request.SegmentSeconds, cancellationToken);
        var heldOut = HeldOutArtists(tracks, request.HeldOutArtistShare, seed);
        var training = tracks.Where(t => !heldOut.Contains(t.Track.TrueArtistId!)).ToList();
        var validation = tracks.Where(t => heldOut.Contains(t.Track.TrueArtistId!)).ToList();
        var data = new DatasetSplit(LabelledSegments.Build(training), LabelledSegments.Build(validation));

        var trainingArtists = data.Training.Labels.ArtistCount;
        var config = new TrainingConfig
        {
            ArtistsPerBatch = Math.Min(request.ArtistsPerBatch, trainingArtists),
            SamplesPerArtist = request.SamplesPerArtist,
            SideInformationP = request.SideInformationP,
            MaxSteps = request.Steps,
            ValidationInterval = Math.Max(1, request.Steps / request.Validations),
            Patience = request.Patience,
            Seed = seed,
        };
        var plan = new TrainingPlan(NetworkSpec.PaperMetric(request.Dimension, data.Training.Frames), config, request.SegmentSeconds, request.ModelVersion);
        var store = new ModelCheckpointStore(models);
        var trained = await ModelTraining.TrainAsync(plan, data, store, null, new Progress(progress), time, cancellationToken);

        var threshold = await CalibrateAsync(request.ModelVersion, validation, seed, cancellationToken);
        await store.SetClusteringThresholdAsync(request.ModelVersion, threshold, cancellationToken);
        return new ModelVersionInfo(request.ModelVersion, threshold, trained.Metadata.Network.Dim, time.GetUtcNow(), $"training job {jobId}", request.SegmentSeconds);
    }

    /// <summary>
    /// The held-out artists: a seeded draw of <paramref name="share"/> of the artists, at least
    /// <see cref="MinHeldOutArtists"/>, leaving at least 2 to train on.
    /// </summary>
    internal static IReadOnlySet<string> HeldOutArtists(IReadOnlyList<(CatalogTrack Track, SegmentBatch Segments)> tracks, double share, int seed)
    {
        var artists = tracks.Select(t => t.Track.TrueArtistId!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var count = Math.Max(MinHeldOutArtists, (int)Math.Round(artists.Length * share));
        if (artists.Length - count < 2)
            throw new ArgumentException($"The training catalog has {artists.Length} artists with decodable audio; holding out {count} for calibration needs at least {count + 2}.");
        new Random(seed).Shuffle(artists);
        return artists.Take(count).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The shared calibration on the held-out artists' tracks, vectorised with the published checkpoint.</summary>
    private async Task<double> CalibrateAsync(string version, IReadOnlyList<(CatalogTrack Track, SegmentBatch Segments)> heldOut, int seed, CancellationToken cancellationToken)
    {
        await using var embedder = new CheckpointSegmentEmbedder(models, new EmbeddingServiceOptions());
        var vectoriser = new TrackVectoriser(embedder);
        var vectors = new List<ArtistVector>();
        foreach (var (track, segments) in heldOut)
            vectors.Add(new ArtistVector(track.TrueArtistId!, await vectoriser.VectoriseAsync(segments, version, cancellationToken)));
        var names = HeldOutCalibration.PoolIntoNames(vectors, HeldOutArtistsPerName, seed);
        return HeldOutCalibration.Calibrate(names, HeldOutCalibration.OneArtistNames(vectors),
            new CalibrationOptions { Folds = Math.Min(5, names.Count), Seed = 1 }, cancellationToken).Threshold;
    }

    private async Task<IReadOnlyList<CatalogTrack>> ReadCatalogAsync(string dataset, CancellationToken cancellationToken)
    {
        await using var stream = await datasets.OpenReadAsync(dataset, cancellationToken);
        using var reader = new StreamReader(stream);
        // Audio paths are relative to the catalog file's folder.
        var folder = dataset.Contains('/') ? dataset[..(dataset.LastIndexOf('/') + 1)] : "";
        var tracks = new List<CatalogTrack>();
        await foreach (var track in CatalogJsonLines.ReadAsync(reader, dataset, cancellationToken))
        {
            if (track.TrueArtistId is not null) tracks.Add(track with { AudioPath = folder + track.AudioPath });
        }
        return tracks;
    }

    /// <summary>
    /// The segments of every decodable track, in catalog order, at most a processor count of tracks in flight (each
    /// holding its download and decode); tracks that fail to decode are left out of training.
    /// </summary>
    private async Task<IReadOnlyList<(CatalogTrack Track, SegmentBatch Segments)>> ExtractAsync(IReadOnlyList<CatalogTrack> tracks, int segmentSeconds, CancellationToken cancellationToken)
    {
        var extracted = new SegmentBatch?[tracks.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, tracks.Count), parallel, async (index, token) =>
        {
            try
            {
                await using var file = await LocalBlobFile.OpenAsync(datasets, tracks[index].AudioPath, token);
                extracted[index] = await features.ExtractAsync(file.Path, segmentSeconds, token);
            }
            catch (AudioDecodeException)
            {
                extracted[index] = null;
            }
        });
        return tracks.Zip(extracted).Where(e => e.Second is not null).Select(e => (e.First, e.Second!)).ToList();
    }

    /// <summary>Forwards the trainer's steps as the grain's progress.</summary>
    private sealed class Progress(IProgress<TrainingStep> target) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => target.Report(new TrainingStep(value.Step, value.Loss));
    }
}
