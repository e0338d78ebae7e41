using Disambig.Segments;
using Disambig.Embedding.Inference;
using Disambig.Embedding.Networks;

namespace Disambig.Vectors.Tests;

public class TrackVectoriserTests
{
    /// <summary>An embedder that answers each segment with a fixed row, and records the version asked for.</summary>
    private sealed class FixedEmbedder(float[] rows, int dimension) : ISegmentEmbedder
    {
        public string? AskedVersion { get; private set; }

        public Task<EmbeddingBatch> EmbedAsync(string modelVersion, HalfSegmentBatch segments, CancellationToken cancellationToken)
        {
            AskedVersion = modelVersion;
            return Task.FromResult(new EmbeddingBatch(rows, segments.Count, dimension));
        }
    }

    [Fact]
    public async Task Vectorise_Metric_MeanOfTheSegmentsBackOnTheUnitSphere()
    {
        var embedder = new FixedEmbedder([1, 0, 0, 1], dimension: 2);
        var segments = new SegmentBatch(new float[2 * 3 * 2], 2, 3, 2);

        var vector = await new TrackVectoriser(embedder).VectoriseAsync(segments, "v7", CancellationToken.None);

        Assert.Equal("v7", embedder.AskedVersion);
        Assert.Equal(1 / Math.Sqrt(2), vector[0], 5);
        Assert.Equal(1 / Math.Sqrt(2), vector[1], 5);
    }

    [Fact]
    public async Task Vectorise_Classifier_PlainMean()
    {
        var segments = new SegmentBatch(new float[2 * 3 * 2], 2, 3, 2);

        var vector = await new TrackVectoriser(new FixedEmbedder([1, 0, 0, 1], 2), NetworkKind.Classifier).VectoriseAsync(segments, "v7", CancellationToken.None);

        Assert.Equal([0.5f, 0.5f], vector);
    }

    [Fact]
    public async Task Vectorise_MedianPooling_OneOddSegmentDoesNotTurnTheVector()
    {
        var segments = new SegmentBatch(new float[3 * 3 * 2], 3, 3, 2);
        var embedder = new FixedEmbedder([1, 0, 1, 0, 0, 1], 2);

        var median = await new TrackVectoriser(embedder, NetworkKind.Metric, TrackPooling.Median).VectoriseAsync(segments, "v7", CancellationToken.None);
        var mean = await new TrackVectoriser(embedder).VectoriseAsync(segments, "v7", CancellationToken.None);

        Assert.Equal([1f, 0f], median);
        Assert.True(mean[1] > 0.4f);
    }
}
