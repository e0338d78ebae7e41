using Disambig.Datasets.Recipes;
using Disambig.Vectors;
using Disambig.Vectors.Training;
using Disambig.Segments;
using Disambig.Aliases;
using Disambig.Audio;
using Disambig.Catalog;
using Disambig.Clustering.Calibration;
using Disambig.Datasets;
using Disambig.Embedding.Checkpoints;
using Disambig.Embedding.Data;
using Disambig.Embedding.Inference;
using Disambig.Embedding.Networks;
using Disambig.Embedding.Training;
using Disambig.Grains;
using Disambig.Storage;
using Disambig.Vectors.Calibration;

namespace Disambig.Grains.Services;

/// <summary>
/// The trainer silo's job (<see cref="ITrainingRunner"/>) over the shared workflows. Its data is either a prepared
/// dataset of the datasets store (a folder holding <c>manifest.json</c>, as <c>disambig dataset build</c> writes it,
/// format 2), read segment by segment from its shards so that memory does not grow with it; or a labelled catalog
/// (<c>catalog.jsonl</c>), decoded a few tracks at a time and held in memory (small catalogs, the demo). A share of
/// the artists (the job's <see cref="TrainingJobRequest.HeldOutArtistShare"/>) is held out from training: the
/// early-stopping validation, then, pooled into homonym names of two and each under its own name, the calibration
/// set of the Ward threshold (<see cref="HeldOutCalibration"/>). The network is trained with the job's settings
/// (<see cref="ModelTraining"/>), and the threshold is calibrated on the published checkpoint, each held-out track
/// vectorised as the pipeline vectorises (<see cref="TrackVectoriser"/>). Runs on the thread pool, never on the
/// Orleans scheduler.
/// </summary>
/// <param name="datasets">The datasets store (the job's dataset or catalog and its audio).</param>
/// <param name="models">The models store the checkpoint is written to.</param>
/// <param name="features">Decoding and mel (catalog input).</param>
/// <param name="time">Time of publication.</param>
/// <param name="shardCache">Local folder for shards downloaded from blob storage (named by their SHA-256).</param>
public sealed class CatalogTrainingRunner(IBlobStore datasets, IBlobStore models, ITrackFeatures features, TimeProvider time, string? shardCache = null) : ITrainingRunner
{
    /// <summary>Artists pooled under one held-out homonym name.</summary>
    public const int HeldOutArtistsPerName = 2;

    /// <summary>Fewest held-out artists: two pooled names, so that the threshold has folds to be chosen on.</summary>
    public const int MinHeldOutArtists = 2 * HeldOutArtistsPerName;

    private readonly string _shardCache = shardCache ?? Path.Combine(Path.GetTempPath(), "disambig-shards");

    /// <summary>A held-out track: its true artist and how to get its segments.</summary>
    /// <summary>A held-out track: its artist, its segments, and its album and year when known (a catalog; a prepared dataset records neither).</summary>
    private sealed record HeldOutTrack(string Artist, Func<CancellationToken, Task<SegmentBatch>> Segments, string? AlbumId = null, int? Year = null);

    /// <summary>The data of a job: training and validation segments, the held-out tracks, what to dispose after.</summary>
    private sealed record JobData(DatasetSplit Split, IReadOnlyList<HeldOutTrack> HeldOut, IDisposable? Owner);

    public Task<ModelVersionInfo> TrainAsync(string jobId, TrainingJobRequest request, IProgress<TrainingStep> progress, CancellationToken cancellationToken) =>
        Task.Run(() => RunAsync(jobId, request, progress, cancellationToken), cancellationToken);

    private async Task<ModelVersionInfo> RunAsync(string jobId, TrainingJobRequest request, IProgress<TrainingStep> progress, CancellationToken cancellationToken)
    {
        request.Validate();
        var seed = (int)(request.Seed % int.MaxValue);
        var prefix = request.Dataset.Trim('/') + "/";
        var data = await datasets.GetInfoAsync(prefix + SegmentDatasetManifest.FileName, cancellationToken) is null
            ? await FromCatalogAsync(request, seed, cancellationToken)
            : await FromPreparedAsync(prefix, request, seed, cancellationToken);
        try
        {
            var frames = MelSettings.Paper.FramesFor(request.SegmentSeconds);
            if (data.Split.Training.Frames != frames)
                throw new ArgumentException($"{request.Dataset}: its segments have {data.Split.Training.Frames} frames; {request.SegmentSeconds} s segments have {frames}.");
            var config = new TrainingConfig
            {
                ArtistsPerBatch = Math.Min(request.ArtistsPerBatch, data.Split.Training.Labels.ArtistCount),
                SamplesPerArtist = request.SamplesPerArtist,
                SideInformationP = request.SideInformationP,
                MaxSteps = request.Steps,
                ValidationInterval = Math.Max(1, request.Steps / request.Validations),
                Patience = request.Patience,
                Seed = seed,
            };
            var plan = new TrainingPlan(NetworkSpec.PaperMetric(request.Dimension, frames), config, request.SegmentSeconds, request.ModelVersion);
            var store = new ModelCheckpointStore(models);
            var trained = await ModelTraining.TrainAsync(plan, data.Split, store, null, new Progress(progress), time, cancellationToken);

            var (threshold, split, aliases) = await CalibrateAsync(request.ModelVersion, data.HeldOut, seed, cancellationToken);
            await store.SetClusteringThresholdAsync(request.ModelVersion, threshold, (split, SplitCalibration.MinSplitProbability), cancellationToken);
            return new ModelVersionInfo(request.ModelVersion, threshold, trained.Metadata.Network.Dim, time.GetUtcNow(), $"training job {jobId}", request.SegmentSeconds)
            {
                Aliases = aliases,
                SplitProbability = new SplitProbabilityRef(split.A, split.B, SplitCalibration.MinSplitProbability),
            };
        }
        finally
        {
            data.Owner?.Dispose();
        }
    }

    /// <summary>A prepared dataset, read from its shards; held-out tracks are rebuilt from their segments.</summary>
    private async Task<JobData> FromPreparedAsync(string prefix, TrainingJobRequest request, int seed, CancellationToken cancellationToken)
    {
        var dataset = await ShardedSegmentDataset.OpenAsync(datasets, prefix, _shardCache, cancellationToken);
        try
        {
            if (!dataset.HasTracks)
                throw new ArgumentException($"{request.Dataset}: format {dataset.Manifest.Format} records no track per segment, which calibration on held-out artists needs; rebuild it with 'disambig dataset build'.");
            var labels = dataset.Labels;
            var heldOut = HeldOutArtists(labels.Artists.Select(a => a.Name), request.HeldOutArtistShare, seed);
            var segments = Enumerable.Range(0, labels.SegmentCount).ToList();
            bool IsHeldOut(int segment) => heldOut.Contains(labels.Artists[labels.ArtistOf(segment)].Name);
            var split = new DatasetSplit(new SegmentSubset(dataset, segments.Where(s => !IsHeldOut(s)).ToList()), new SegmentSubset(dataset, segments.Where(IsHeldOut).ToList()));
            var tracks = segments.Where(s => IsHeldOut(s) && dataset.TrackOf(s) is not null)
                .GroupBy(s => dataset.TrackOf(s)!)
                .Select(track => new HeldOutTrack(labels.Artists[labels.ArtistOf(track.First())].Name, token => ReadTrackAsync(dataset, [.. track], token)))
                .ToList();
            return new JobData(split, tracks, dataset);
        }
        catch
        {
            dataset.Dispose();
            throw;
        }
    }

    private static async Task<SegmentBatch> ReadTrackAsync(ShardedSegmentDataset dataset, int[] segments, CancellationToken cancellationToken)
    {
        var values = new float[segments.Length * dataset.Frames * dataset.MelBands];
        await dataset.ReadSegmentsAsync(segments, values, cancellationToken);
        return new SegmentBatch(values, segments.Length, dataset.Frames, dataset.MelBands);
    }

    /// <summary>A labelled catalog, decoded into memory.</summary>
    private async Task<JobData> FromCatalogAsync(TrainingJobRequest request, int seed, CancellationToken cancellationToken)
    {
        var tracks = await ExtractAsync(await ReadCatalogAsync(request.Dataset, cancellationToken), request.SegmentSeconds, cancellationToken);
        if (tracks.Count == 0) throw new ArgumentException("No decodable track with a true artist id to train on.", nameof(tracks));
        var heldOut = HeldOutArtists(tracks.Select(t => t.Track.TrueArtistId!), request.HeldOutArtistShare, seed);
        var training = tracks.Where(t => !heldOut.Contains(t.Track.TrueArtistId!)).ToList();
        var validation = tracks.Where(t => heldOut.Contains(t.Track.TrueArtistId!)).ToList();
        return new JobData(
            new DatasetSplit(LabelledSegments.Build(training), LabelledSegments.Build(validation)),
            [.. validation.Select(t => new HeldOutTrack(t.Track.TrueArtistId!, _ => Task.FromResult(t.Segments), t.Track.AlbumId, t.Track.ReleaseDate.Year))],
            null);
    }

    /// <summary>
    /// The held-out artists: a seeded draw of <paramref name="share"/> of the distinct <paramref name="artists"/>, at
    /// least <see cref="MinHeldOutArtists"/>, leaving at least 2 to train on.
    /// </summary>
    internal static IReadOnlySet<string> HeldOutArtists(IEnumerable<string> artists, double share, int seed)
    {
        var distinct = artists.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var count = Math.Max(MinHeldOutArtists, (int)Math.Round(distinct.Length * share));
        if (distinct.Length - count < 2)
            throw new ArgumentException($"The training data has {distinct.Length} artists with usable audio; holding out {count} for calibration needs at least {count + 2}.");
        new Random(seed).Shuffle(distinct);
        return distinct.Take(count).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The calibration settings of the threshold but for its folds (one-artist split share, least split probability: the defaults).</summary>
    private static readonly CalibrationOptions SplitCalibration = new();

    /// <summary>
    /// The shared calibrations on the held-out artists' tracks, vectorised with the published checkpoint: the Ward
    /// threshold with the split confidence's probability fitted at it (issue 15), and (issue 17) the alias model, each
    /// held-out artist credited under two names its albums alternate between (<see cref="LabelledAliasSet.AlbumSplit"/>);
    /// no alias model when the tracks' albums are unknown.
    /// </summary>
    private async Task<(double Threshold, SplitProbability Split, AliasModelRef? Aliases)> CalibrateAsync(
        string version, IReadOnlyList<HeldOutTrack> heldOut, int seed, CancellationToken cancellationToken)
    {
        await using var embedder = new CheckpointSegmentEmbedder(models, new EmbeddingServiceOptions());
        var vectoriser = new TrackVectoriser(embedder);
        var vectors = new List<(HeldOutTrack Track, ArtistVector Vector)>();
        foreach (var track in heldOut)
            vectors.Add((track, new ArtistVector(track.Artist, await vectoriser.VectoriseAsync(await track.Segments(cancellationToken), version, cancellationToken))));
        var artistVectors = vectors.Select(v => v.Vector).ToList();
        var names = HeldOutCalibration.PoolIntoNames(artistVectors, HeldOutArtistsPerName, seed);
        var calibration = HeldOutCalibration.Calibrate(names, HeldOutCalibration.OneArtistNames(artistVectors),
            new CalibrationOptions
            {
                Folds = Math.Min(5, names.Count),
                Seed = 1,
                MaxOneArtistSplitShare = SplitCalibration.MaxOneArtistSplitShare,
                MinSplitProbability = SplitCalibration.MinSplitProbability,
            }, cancellationToken);
        var (threshold, split) = (calibration.Threshold, calibration.Probability);
        if (vectors.Any(v => v.Track.AlbumId is null)) return (threshold, split, null);
        var aliases = LabelledAliasSet.Calibrate(LabelledAliasSet.AlbumSplit(vectors.Select(v => new LabelledTrackVector(
            v.Track.Artist, v.Track.Artist, v.Track.AlbumId!, v.Track.Year, v.Vector.Vector))), cancellationToken)?.Model;
        return (threshold, split, aliases is null ? null : new AliasModelRef(aliases.Threshold, aliases.Calibration.A, aliases.Calibration.B, aliases.LowEvidenceCap) { LogDistance = aliases.LogDistance });
    }

    /// <summary>The labelled tracks of a catalog in the datasets store (read by the one catalog reader, <see cref="CatalogSource"/>), their audio named in that store.</summary>
    private async Task<IReadOnlyList<CatalogTrack>> ReadCatalogAsync(string dataset, CancellationToken cancellationToken)
    {
        var source = new CatalogSource(datasets, dataset);
        var (tracks, _) = await source.ReadAsync(cancellationToken);
        return [.. tracks.Where(t => t.TrueArtistId is not null).Select(t => t with { AudioPath = source.AudioBlobNameOf(t) })];
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
