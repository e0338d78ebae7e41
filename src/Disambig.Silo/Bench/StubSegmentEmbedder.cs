using Disambig.Segments;
using Disambig.Vectors;
using Disambig.Grains;
using Disambig.Grains.Services;

namespace Disambig.Silo.Bench;

/// <summary>
/// <see cref="ISegmentEmbedder"/> without a model, for the scale benchmark and process tests: each segment's values
/// (one frame of <see cref="Dimension"/> bands, as <see cref="StubTrackFeatures"/> makes them) normalised to a unit
/// vector. Any model version is accepted; segments of another shape are refused as a real model would refuse them.
/// </summary>
public sealed class StubSegmentEmbedder : ISegmentEmbedder
{
    /// <summary>Dimension of the stub vectors.</summary>
    public const int Dimension = 32;

    public Task<EmbeddingBatch> EmbedAsync(string modelVersion, HalfSegmentBatch segments, CancellationToken cancellationToken)
    {
        segments.Validate();
        if (segments.Frames * segments.Bands != Dimension)
            throw new ArgumentException($"The stub embedder takes segments of {Dimension} values, not {segments.Frames} x {segments.Bands}.");
        var values = new float[segments.Count * Dimension];
        for (var s = 0; s < segments.Count; s++)
        {
            double norm = 0;
            for (var j = 0; j < Dimension; j++) norm += (double)segments.Values[s * Dimension + j] * (double)segments.Values[s * Dimension + j];
            norm = Math.Max(Math.Sqrt(norm), 1e-12);
            for (var j = 0; j < Dimension; j++) values[s * Dimension + j] = (float)((double)segments.Values[s * Dimension + j] / norm);
        }
        return Task.FromResult(new EmbeddingBatch(values, segments.Count, Dimension));
    }
}
