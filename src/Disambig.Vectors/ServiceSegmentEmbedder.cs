using Disambig.Segments;
using Disambig.Embedding.Inference;

namespace Disambig.Vectors;

/// <summary>
/// <see cref="ISegmentEmbedder"/> over one batching <see cref="EmbeddingService"/> that serves one model (a model
/// under evaluation, a network just trained); requests for another version are refused.
/// </summary>
public sealed class ServiceSegmentEmbedder(EmbeddingService service) : ISegmentEmbedder
{
    public Task<EmbeddingBatch> EmbedAsync(string modelVersion, HalfSegmentBatch segments, CancellationToken cancellationToken) =>
        EmbedAsync(service, modelVersion, segments, cancellationToken);

    /// <summary>Embeds through <paramref name="service"/>, checking that it answered with <paramref name="modelVersion"/>.</summary>
    internal static async Task<EmbeddingBatch> EmbedAsync(EmbeddingService service, string modelVersion, HalfSegmentBatch segments, CancellationToken cancellationToken)
    {
        var embedded = await service.EmbedAsync(segments.Values, cancellationToken);
        if (embedded.ModelVersion != modelVersion)
            throw new InvalidOperationException($"Model {embedded.ModelVersion} answered a request for {modelVersion}.");
        return new EmbeddingBatch(embedded.Values, embedded.Count, embedded.Dim);
    }
}
