using Disambig.Embedding.Data;
using Disambig.Embedding.Networks;
using Disambig.Embedding.Sampling;
using TorchSharp;
using static TorchSharp.torch;

namespace Disambig.Embedding.Training;

/// <summary>A fixed subset of the validation segments, embedded in evaluation mode and scored by a metric.</summary>
internal sealed class ValidationSet
{
    private const int ChunkSegments = 64;

    private readonly ISegmentDataset _dataset;
    private readonly int[] _segments;
    private readonly int[] _artists;

    public ValidationSet(ISegmentDataset dataset, int maxSegments, int seed)
    {
        var count = dataset.Labels.SegmentCount;
        _segments = count <= maxSegments
            ? Enumerable.Range(0, count).ToArray()
            : DistinctDraw.Choose(count, maxSegments, new Random(seed)).Order().ToArray();
        _artists = _segments.Select(dataset.Labels.ArtistOf).ToArray();
        if (_artists.Distinct().Count() < 2)
            throw new ArgumentException("Validation needs segments of at least 2 artists.", nameof(dataset));
        _dataset = dataset;
    }

    public async Task<double> EvaluateAsync(EmbeddingNetwork network, IValidationMetric metric, CancellationToken cancellationToken)
    {
        var size = _dataset.Frames * _dataset.MelBands;
        var buffer = new float[ChunkSegments * size];
        var embeddings = new float[_segments.Length * network.Spec.Dim];
        network.eval();
        for (int start = 0; start < _segments.Length; start += ChunkSegments)
        {
            var count = Math.Min(ChunkSegments, _segments.Length - start);
            await _dataset.ReadSegmentsAsync(_segments.AsMemory(start, count), buffer.AsMemory(0, count * size), cancellationToken);
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var input = SegmentTensors.FromSpan(buffer.AsSpan(0, count * size), count, _dataset.Frames, _dataset.MelBands).to(network.Device);
            SegmentTensors.CopyTo(network.Embed(input).cpu().contiguous(), embeddings.AsSpan(start * network.Spec.Dim, count * network.Spec.Dim));
        }
        return metric.Evaluate(new ValidationEmbeddings(embeddings, network.Spec.Dim, _artists));
    }
}
