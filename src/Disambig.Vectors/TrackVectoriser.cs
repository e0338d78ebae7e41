using Disambig.Segments;
using Disambig.Embedding.Inference;
using Disambig.Embedding.Networks;

namespace Disambig.Vectors;

/// <summary>
/// Section 4.1's track vector, computed one way wherever a track is vectorised (the track grain, evaluation, the
/// trainer's calibration, tests): the planned mel segments (<see cref="ITrackFeatures"/>), their embeddings as float16
/// mel through the model service (<see cref="ISegmentEmbedder"/>), then the mean re-projected on the unit sphere for
/// the metric system, the plain mean for the classifier baseline (<see cref="TrackEmbedding.For(NetworkKind, ReadOnlySpan{float}, int)"/>).
/// A more robust pooling than the mean (<see cref="TrackPooling"/>) is a choice of evaluation's factor study.
/// </summary>
/// <param name="embedder">The model service (segments to one vector each).</param>
/// <param name="kind">The network kind, which says how segment vectors are aggregated.</param>
/// <param name="pooling">How the segment vectors are pooled (default the mean, section 4.1).</param>
public sealed class TrackVectoriser(ISegmentEmbedder embedder, NetworkKind kind = NetworkKind.Metric, TrackPooling pooling = TrackPooling.Mean)
{
    /// <summary>
    /// The vector of the audio at <paramref name="localPath"/>, its segments (the model's <paramref name="segmentSeconds"/>)
    /// computed by <paramref name="features"/>.
    /// </summary>
    /// <exception cref="Audio.AudioDecodeException">The file yields no features; the reason is typed.</exception>
    /// <exception cref="ArgumentException">The segments do not fit the model.</exception>
    public async Task<float[]> VectoriseAsync(ITrackFeatures features, string localPath, string modelVersion, int segmentSeconds, CancellationToken cancellationToken)
    {
        var segments = await features.ExtractAsync(localPath, segmentSeconds, cancellationToken);
        return await VectoriseAsync(segments, modelVersion, cancellationToken);
    }

    /// <summary>The vector of a track whose segments are already computed (one decode serving several models).</summary>
    /// <exception cref="ArgumentException">The segments do not fit the model.</exception>
    public async Task<float[]> VectoriseAsync(SegmentBatch segments, string modelVersion, CancellationToken cancellationToken) =>
        Aggregate(await embedder.EmbedAsync(modelVersion, segments.ToHalf(), cancellationToken), kind, pooling);

    /// <summary>The track vector of a track's segment embeddings.</summary>
    public static float[] Aggregate(EmbeddingBatch embedded, NetworkKind kind = NetworkKind.Metric, TrackPooling pooling = TrackPooling.Mean) =>
        TrackEmbedding.For(kind, embedded.Values.AsSpan(0, embedded.Count * embedded.Dimension), embedded.Dimension, pooling);
}
