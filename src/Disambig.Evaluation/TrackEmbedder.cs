using System.Collections.Concurrent;
using Disambig.Audio;
using Disambig.Catalog;
using Disambig.Datasets.Recipes;
using Disambig.Storage;

namespace Disambig.Evaluation;

/// <summary>Track vectors of every model, the audio lengths, and the tracks whose audio failed.</summary>
/// <param name="Vectors">Per model (in the order given): track id to track vector.</param>
/// <param name="DurationSeconds">Track id to the length of its audio, for every track that decoded.</param>
public sealed record EmbeddedTracks(IReadOnlyList<IReadOnlyDictionary<string, float[]>> Vectors, IReadOnlyDictionary<string, double> DurationSeconds, IReadOnlyList<SkippedTrack> Skipped);

/// <summary>
/// Section 4.1: a track's vector is the mean of the embeddings of its linearly spaced segments, re-projected on the
/// unit sphere for the metric system (<see cref="Embedding.Inference.TrackEmbedding"/>). Each track is decoded once
/// per segment length, whatever the number of models, and every model embeds through its batching service.
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
            caches[m] = await TrackVectorCache.OpenAsync(options.CacheFolder, $"{models[m].Metadata.WeightsSha256}-{options.SegmentsPerTrack}seg", cancellationToken);
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
                    var key = TrackVectorCache.KeyOf(track, await catalog.GetAudioInfoAsync(track, token));
                    var missing = Enumerable.Range(0, models.Count).Where(m => !caches[m].TryGet(key, out _)).GroupBy(m => models[m].Metadata.SegmentSeconds).ToList();
                    // Opened only when a model needs it, and once for every segment length (a blob is downloaded once).
                    await using var audio = missing.Count > 0 ? await catalog.OpenAudioAsync(track, token) : null;
                    foreach (var group in missing)
                    {
                        var features = await ExtractorFor(group.Key).ExtractAsync(audio!.Path, token);
                        foreach (var m in group)
                        {
                            if (features.Frames != models[m].Metadata.Network.SegmentFrames)
                                throw new InvalidOperationException($"Model {models[m].Label} takes {models[m].Metadata.Network.SegmentFrames} frames per segment, the features have {features.Frames}.");
                            var embedded = await models[m].Service.EmbedAsync(features.Mel, token);
                            caches[m].Add(key, new CachedVector(embedded.TrackVector(), features.Stream.DurationSeconds));
                        }
                    }
                    for (int m = 0; m < models.Count; m++)
                    {
                        caches[m].TryGet(key, out var cached);
                        vectors[m][track.TrackId] = cached.Vector;
                        durations[track.TrackId] = cached.DurationSeconds;
                    }
                }
                catch (AudioDecodeException e)
                {
                    skipped.Add(new SkippedTrack(track.TrackId, e.Reason.ToString(), e.Naming(catalog.AudioNameOf(track)).Message));
                }
                catch (BlobNotFoundException e)
                {
                    skipped.Add(new SkippedTrack(track.TrackId, AudioErrorReason.FileNotFound.ToString(), e.Message));
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

    private TrackFeatureExtractor ExtractorFor(int segmentSeconds) =>
        _extractors.GetOrAdd(segmentSeconds, seconds => new TrackFeatureExtractor(new AudioOptions { SegmentSeconds = seconds, SegmentCount = options.SegmentsPerTrack }));
}
