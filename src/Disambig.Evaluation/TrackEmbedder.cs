using Disambig.Segments;
using System.Collections.Concurrent;
using Disambig.Audio;
using Disambig.Catalog;
using Disambig.Datasets.Recipes;
using Disambig.Storage;
using Disambig.Vectors;

namespace Disambig.Evaluation;

/// <summary>Track vectors of every model, the audio lengths, and the tracks whose audio failed.</summary>
/// <param name="Vectors">Per model (in the order given): track id to track vector.</param>
/// <param name="DurationSeconds">Track id to the length of its audio, for every track that decoded.</param>
public sealed record EmbeddedTracks(IReadOnlyList<IReadOnlyDictionary<string, float[]>> Vectors, IReadOnlyDictionary<string, double> DurationSeconds, IReadOnlyList<SkippedTrack> Skipped);

/// <summary>
/// Section 4.1: a track's vector is the mean of the embeddings of its linearly spaced segments (or another
/// <see cref="EvaluationOptions.Pooling"/>), re-projected on the unit sphere for the metric system, computed by the pipeline's <see cref="TrackVectoriser"/> (float16 mel to the
/// model, as on the inference silos). Each track is decoded once per segment length, whatever the number of models,
/// and every model embeds through its batching service.
/// </summary>
public sealed class TrackEmbedder(CatalogSource catalog, EvaluationOptions options)
{
    private readonly ConcurrentDictionary<int, TrackFeatureExtractor> _extractors = new();

    /// <summary>Per track done: tracks done so far and in total.</summary>
    public async Task<EmbeddedTracks> EmbedAsync(
        IReadOnlyList<CatalogTrack> tracks, IReadOnlyList<EvaluatedModel> models, IProgress<(int Done, int Total)>? progress, CancellationToken cancellationToken)
    {
        var caches = new TrackVectorCache[models.Count];
        for (int m = 0; m < models.Count; m++)
            caches[m] = await TrackVectorCache.OpenAsync(
                options.CacheFolder, models[m].Metadata.WeightsSha256, new VectorFeatures(models[m].Metadata.SegmentSeconds, options.SegmentsPerTrack, options.Pooling), cancellationToken);
        var vectors = models.Select(_ => new ConcurrentDictionary<string, float[]>(StringComparer.Ordinal)).ToArray();
        var durations = new ConcurrentDictionary<string, double>(StringComparer.Ordinal);
        var skipped = new ConcurrentBag<SkippedTrack>();
        var distinct = tracks.DistinctBy(t => t.TrackId).ToList();
        int done = 0;

        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxParallelism, CancellationToken = cancellationToken };
        try
        {
            await Parallel.ForEachAsync(distinct, parallel, async (track, token) =>
            {
                try
                {
                    var audio = await catalog.GetAudioInfoAsync(track, token)
                        ?? throw new AudioDecodeException(catalog.AudioNameOf(track), AudioErrorReason.FileNotFound, "no such object in the store");
                    var missing = Enumerable.Range(0, models.Count).Where(m => !caches[m].TryGet(track, audio, out _)).GroupBy(m => models[m].Metadata.SegmentSeconds).ToList();
                    // Decoded only when a model needs it; one download serves every segment length.
                    if (missing.Count > 0) await catalog.DecodeAudioAsync(track, path => EmbedAsync(path, missing, models, caches, track, audio, token), token);
                    for (int m = 0; m < models.Count; m++)
                    {
                        caches[m].TryGet(track, audio, out var cached);
                        vectors[m][track.TrackId] = cached.Vector;
                        durations[track.TrackId] = cached.DurationSeconds;
                    }
                }
                catch (AudioDecodeException e)
                {
                    skipped.Add(new SkippedTrack(track.TrackId, e.Reason.ToString(), e.Message));
                }
                progress?.Report((Interlocked.Increment(ref done), distinct.Count));
            });
        }
        finally
        {
            // Vectors computed before a failure or a cancellation are kept for the next run.
            foreach (var cache in caches) await cache.SaveAsync(CancellationToken.None);
        }
        return new EmbeddedTracks(
            [.. vectors.Select(v => (IReadOnlyDictionary<string, float[]>)v.ToDictionary(StringComparer.Ordinal))],
            durations.ToDictionary(StringComparer.Ordinal),
            [.. skipped.OrderBy(s => s.TrackId, StringComparer.Ordinal)]);
    }

    /// <summary>Embeds the audio at <paramref name="path"/> with the models of each segment length that miss it, into their caches.</summary>
    private async Task EmbedAsync(
        string path, IEnumerable<IGrouping<int, int>> missing, IReadOnlyList<EvaluatedModel> models, TrackVectorCache[] caches, CatalogTrack track, BlobInfo audio,
        CancellationToken cancellationToken)
    {
        foreach (var group in missing)
        {
            var features = await ExtractorFor(group.Key).ExtractAsync(path, cancellationToken);
            foreach (var m in group)
            {
                if (features.Frames != models[m].Metadata.Network.SegmentFrames)
                    throw new InvalidOperationException($"Model {models[m].Label} takes {models[m].Metadata.Network.SegmentFrames} frames per segment, the features have {features.Frames}.");
                var vectoriser = new TrackVectoriser(new ServiceSegmentEmbedder(models[m].Service), models[m].Metadata.Network.Kind, options.Pooling);
                var segments = new SegmentBatch(features.Mel, features.Segments, features.Frames, features.Bands);
                caches[m].Add(track, audio, new CachedVector(await vectoriser.VectoriseAsync(segments, models[m].Metadata.Version, cancellationToken), features.Stream.DurationSeconds));
            }
        }
    }

    private TrackFeatureExtractor ExtractorFor(int segmentSeconds) =>
        _extractors.GetOrAdd(segmentSeconds, seconds => new TrackFeatureExtractor(new AudioOptions { SegmentSeconds = seconds, SegmentCount = options.SegmentsPerTrack }));
}
