using Disambig.Aliases;
using Disambig.Audio;
using Disambig.Catalog;
using Disambig.Clustering;
using Disambig.Clustering.Calibration;
using Disambig.Embedding.Checkpoints;
using Disambig.Embedding.Data;
using Disambig.Embedding.Inference;
using Disambig.Embedding.Networks;
using Disambig.Embedding.Training;
using Disambig.Storage;
using TorchSharp;
using static TorchSharp.torch;

namespace Disambig.Grains.Services;

/// <summary>
/// Trains the paper's metric network (d = 32) on a labelled catalog of the datasets store: the mel segments of every
/// track with a true artist id, a quarter of the artists held out for early stopping, triplet training for the job's
/// steps, then the Ward threshold calibrated by cross-validation over the catalog's names, and the checkpoint (with
/// that threshold) written to the models store. Everything runs on the thread pool, never on the Orleans scheduler.
/// </summary>
public sealed class CatalogTrainingRunner(PipelineStores stores, ITrackFeatures features) : ITrainingRunner
{
    /// <summary>Embedding size of the trained network.</summary>
    public const int Dimension = 32;

    public Task<ModelVersionInfo> TrainAsync(string jobId, TrainingJobRequest request, IProgress<TrainingStep> progress, CancellationToken cancellationToken) =>
        Task.Run(() => RunAsync(jobId, request, progress, cancellationToken), cancellationToken);

    private async Task<ModelVersionInfo> RunAsync(string jobId, TrainingJobRequest request, IProgress<TrainingStep> progress, CancellationToken cancellationToken)
    {
        var tracks = await ReadCatalogAsync(request.Dataset, cancellationToken);
        var segments = await ExtractAsync(tracks, request.SegmentSeconds, cancellationToken);
        var dataset = LabelledSegments.Build(segments);
        torch.manual_seed((long)request.Seed);
        using var network = ArtistNet.Paper(Dimension, dataset.Frames);
        var trainingArtists = dataset.Labels.ArtistCount - Math.Max(2, (int)Math.Round(dataset.Labels.ArtistCount * 0.25));
        var config = new TrainingConfig
        {
            ArtistsPerBatch = Math.Min(8, trainingArtists),
            SamplesPerArtist = 4,
            MaxSteps = request.Steps,
            ValidationInterval = Math.Max(1, request.Steps / 5),
            Patience = 3,
            Seed = (int)(request.Seed % int.MaxValue),
        };
        var split = DatasetSplit.HoldOutArtists(dataset, 0.25, config.Seed);
        await new EmbeddingTrainer(network, config, new EqualErrorRateMetric())
            .TrainAsync(split, null, new Progress(progress), cancellationToken);
        var (threshold, aliases) = Calibrate(network, segments, cancellationToken);
        var metadata = new ModelProvenance(MelSettings.Paper, request.SegmentSeconds, GitRevision.Current())
            .Describe(request.ModelVersion, network.Spec, config, dataset.Digest, new Dictionary<string, double>(), DateTimeOffset.UtcNow)
            with { ClusteringThreshold = threshold };
        await new ModelCheckpointStore(stores.Models).SaveAsync(network, metadata, cancellationToken);
        return new ModelVersionInfo(request.ModelVersion, threshold, Dimension, DateTimeOffset.UtcNow, $"training job {jobId}", request.SegmentSeconds)
        {
            Aliases = aliases,
        };
    }

    private async Task<IReadOnlyList<CatalogTrack>> ReadCatalogAsync(string dataset, CancellationToken cancellationToken)
    {
        await using var stream = await stores.Datasets.OpenReadAsync(dataset, cancellationToken);
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

    /// <summary>The segments of every decodable track; tracks that fail to decode are left out of training.</summary>
    private async Task<IReadOnlyList<(CatalogTrack Track, SegmentBatch Segments)>> ExtractAsync(IReadOnlyList<CatalogTrack> tracks, int segmentSeconds, CancellationToken cancellationToken)
    {
        var extracted = await Task.WhenAll(tracks.Select(async track =>
        {
            try
            {
                await using var file = await LocalBlobFile.OpenAsync(stores.Datasets, track.AudioPath, cancellationToken);
                return (Track: track, Segments: await features.ExtractAsync(file.Path, segmentSeconds, cancellationToken));
            }
            catch (AudioDecodeException)
            {
                return (Track: track, Segments: (SegmentBatch?)null);
            }
        }));
        return extracted.Where(e => e.Segments is not null).Select(e => (e.Track, e.Segments!)).ToList();
    }

    /// <summary>
    /// The Ward threshold by the shared catalog rule (<see cref="ThresholdCalibrator"/>): best mean AMI over the
    /// catalog's names among thresholds that split at most 5 % of its artists, each taken under its own name; and the
    /// alias model (issue 17) by <see cref="AliasCalibrator"/> over the catalog's artists, each credited under two names
    /// its albums alternate between (<see cref="LabelledAliasSet.AlbumSplit"/>), folds over artists.
    /// </summary>
    private static (double Threshold, AliasModelRef? Aliases) Calibrate(EmbeddingNetwork network, IReadOnlyList<(CatalogTrack Track, SegmentBatch Segments)> segments, CancellationToken cancellationToken)
    {
        network.eval();
        var embedded = segments.Select(s => (s.Track, Vector: Embed(network, s.Segments))).ToList();
        var groups = embedded.GroupBy(s => ArtistNameKey.From(s.Track.ArtistName)).Select(name =>
        {
            var artists = name.Select(s => s.Track.TrueArtistId!).Distinct().ToList();
            return new LabelledGroup(VectorSet.FromRows([.. name.Select(s => s.Vector)]), [.. name.Select(s => artists.IndexOf(s.Track.TrueArtistId!))]);
        }).ToList();
        var oneArtistNames = embedded.GroupBy(s => s.Track.TrueArtistId!).Where(a => a.Count() >= 2)
            .Select(a => VectorSet.FromRows([.. a.Select(s => s.Vector)])).ToList();
        var threshold = ThresholdCalibrator.Calibrate(groups, oneArtistNames, new CalibrationOptions { Folds = Math.Min(5, groups.Count), Seed = 1 }, cancellationToken).Threshold;
        var aliases = LabelledAliasSet.Calibrate(LabelledAliasSet.AlbumSplit(embedded.Select(s => new LabelledTrackVector(
            ArtistNameKey.From(s.Track.ArtistName), s.Track.TrueArtistId!, s.Track.AlbumId, s.Track.ReleaseDate.Year, s.Vector))), cancellationToken)?.Model;
        return (threshold, aliases is null ? null : new AliasModelRef(aliases.Threshold, aliases.Calibration.A, aliases.Calibration.B, aliases.LowEvidenceCap));
    }

    private static float[] Embed(EmbeddingNetwork network, SegmentBatch segments)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var input = SegmentTensors.FromSpan(segments.Values, segments.Count, segments.Frames, segments.Bands);
        return TrackEmbedding.Aggregate(network.Embed(input).data<float>().ToArray(), network.Spec.Dim);
    }

    /// <summary>Forwards the trainer's steps as the grain's progress.</summary>
    private sealed class Progress(IProgress<TrainingStep> target) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => target.Report(new TrainingStep(value.Step, value.Loss));
    }
}
