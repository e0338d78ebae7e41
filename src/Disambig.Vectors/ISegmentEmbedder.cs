using Disambig.Segments;

namespace Disambig.Vectors;

/// <summary>
/// The model service of an inference silo: one per silo (a singleton), batching the segments of many concurrent
/// callers, loading each model version from the models store on first use.
/// </summary>
public interface ISegmentEmbedder
{
    /// <summary>One unit vector per segment (float16 mel power in), computed with <paramref name="modelVersion"/>.</summary>
    /// <exception cref="ArgumentException">The segments do not fit the model (frames or bands).</exception>
    Task<EmbeddingBatch> EmbedAsync(string modelVersion, HalfSegmentBatch segments, CancellationToken cancellationToken);
}
