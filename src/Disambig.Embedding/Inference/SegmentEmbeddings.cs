using Disambig.Embedding.Networks;

namespace Disambig.Embedding.Inference;

/// <summary>Embeddings of one request's segments and the model version that computed them.</summary>
/// <param name="Values">[Count, Dim] row-major.</param>
public sealed record SegmentEmbeddings(string ModelVersion, NetworkKind Kind, int Count, int Dim, float[] Values)
{
    public ReadOnlySpan<float> Row(int index) => Values.AsSpan(index * Dim, Dim);

    /// <summary>The track vector of these segments (see <see cref="TrackEmbedding.For"/>).</summary>
    public float[] TrackVector() => TrackEmbedding.For(Kind, Values, Dim);
}
