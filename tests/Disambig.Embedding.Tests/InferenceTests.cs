using Disambig.Embedding.Inference;
using Disambig.Embedding.Networks;
using static TorchSharp.torch;

namespace Disambig.Embedding.Tests;

public sealed class InferenceTests
{
    private const int Size = SyntheticCatalog.Frames * SyntheticCatalog.MelBands;

    private static float[] Segments(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count * Size).Select(_ => (float)random.NextDouble()).ToArray();
    }

    private static float[] Direct(EmbeddingNetwork network, float[] segments)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        network.eval();
        return network.Embed(SegmentTensors.FromSpan(segments, segments.Length / Size, SyntheticCatalog.Frames, SyntheticCatalog.MelBands)).data<float>().ToArray();
    }

    [Fact]
    public async Task EmbeddingService_EmbedAsync_ConcurrentCallers_EachGetTheirDirectForwardResult()
    {
        using var reference = NetworkFactory.Create(SyntheticCatalog.TinyMetric(), seed: 2);
        var network = NetworkFactory.Create(SyntheticCatalog.TinyMetric(), seed: 2);
        await using var service = new EmbeddingService(network, "v1", new EmbeddingServiceOptions { MaxBatchSegments = 16, MaxWait = TimeSpan.FromMilliseconds(20) });
        var requests = Enumerable.Range(0, 24).Select(i => Segments(1 + i % 5, seed: i)).ToArray();

        var results = await Task.WhenAll(requests.Select(r => Task.Run(() => service.EmbedAsync(r, CancellationToken.None))));

        for (int i = 0; i < requests.Length; i++)
        {
            Assert.Equal("v1", results[i].ModelVersion);
            Assert.Equal(requests[i].Length / Size, results[i].Count);
            AssertClose(Direct(reference, requests[i]), results[i].Values);
        }
        Assert.InRange(service.BatchesRun, 1, requests.Length);
    }

    [Fact]
    public async Task EmbeddingService_EmbedAsync_RequestLargerThanBatch_RunsInSeveralPasses()
    {
        using var reference = NetworkFactory.Create(SyntheticCatalog.TinyMetric(), seed: 2);
        await using var service = new EmbeddingService(NetworkFactory.Create(SyntheticCatalog.TinyMetric(), seed: 2), "v1",
            new EmbeddingServiceOptions { MaxBatchSegments = 4, MaxWait = TimeSpan.Zero });
        var segments = Segments(10, seed: 3);

        var result = await service.EmbedAsync(segments, CancellationToken.None);

        AssertClose(Direct(reference, segments), result.Values);
        Assert.Equal(3, service.BatchesRun);
    }

    [Fact]
    public async Task EmbeddingService_SwapModel_LaterResultsComeFromTheNewVersion()
    {
        using var second = NetworkFactory.Create(SyntheticCatalog.TinyMetric(), seed: 7);
        await using var service = new EmbeddingService(NetworkFactory.Create(SyntheticCatalog.TinyMetric(), seed: 2), "v1", new EmbeddingServiceOptions());
        var segments = Segments(2, seed: 4);
        var before = await service.EmbedAsync(segments, CancellationToken.None);

        service.SwapModel(NetworkFactory.Create(SyntheticCatalog.TinyMetric(), seed: 7), "v2");
        var after = await service.EmbedAsync(segments, CancellationToken.None);

        Assert.Equal("v1", before.ModelVersion);
        Assert.Equal("v2", after.ModelVersion);
        Assert.Equal("v2", service.ModelVersion);
        AssertClose(Direct(second, segments), after.Values);
    }

    [Fact]
    public async Task EmbeddingService_EmbedAsync_WrongSegmentSize_ThrowsArgumentException()
    {
        await using var service = new EmbeddingService(NetworkFactory.Create(SyntheticCatalog.TinyMetric(), seed: 2), "v1", new EmbeddingServiceOptions());

        await Assert.ThrowsAsync<ArgumentException>(() => service.EmbedAsync(new float[Size + 1], CancellationToken.None));
    }

    [Fact]
    public async Task EmbeddingService_EmbedAsync_AfterDispose_ThrowsObjectDisposed()
    {
        var service = new EmbeddingService(NetworkFactory.Create(SyntheticCatalog.TinyMetric(), seed: 2), "v1", new EmbeddingServiceOptions());
        await service.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => service.EmbedAsync(Segments(1, 1), CancellationToken.None));
    }

    [Fact]
    public void TrackEmbedding_Aggregate_MeanOfUnitVectors_IsProjectedBackOntoTheSphere()
    {
        float[] segments = [1, 0, 0, 1];

        var track = TrackEmbedding.Aggregate(segments, dim: 2);

        Assert.Equal(MathF.Sqrt(0.5f), track[0], 6);
        Assert.Equal(MathF.Sqrt(0.5f), track[1], 6);
    }

    [Fact]
    public void TrackEmbedding_For_Classifier_KeepsThePlainMean()
    {
        float[] segments = [2, 0, 0, 4];

        Assert.Equal([1f, 2f], TrackEmbedding.For(NetworkKind.Classifier, segments, 2));
        Assert.Equal(1f, TrackEmbedding.For(NetworkKind.Metric, segments, 2).Sum(v => v * v), 5);
    }

    [Fact]
    public void TrackEmbedding_For_MeanPooling_IsThePapersTrackVector()
    {
        float[] segments = [2, 0, 0, 4, 1, 1];

        Assert.Equal(TrackEmbedding.For(NetworkKind.Metric, segments, 2), TrackEmbedding.For(NetworkKind.Metric, segments, 2, TrackPooling.Mean));
        Assert.Equal(TrackEmbedding.For(NetworkKind.Classifier, segments, 2), TrackEmbedding.For(NetworkKind.Classifier, segments, 2, TrackPooling.Mean));
    }

    [Fact]
    public void TrackEmbedding_Median_OneOddSegment_DoesNotMoveIt()
    {
        // Four segments near (1, 0) and one far off (a silence, a jingle): the mean is pulled, the median is not.
        float[] segments = [1, 0, 0.9f, 0.1f, 1, -0.1f, 1.1f, 0, -5, 9];

        Assert.Equal([1f, 0f], TrackEmbedding.Median(segments, 2));
        Assert.Equal([0.5f, 0.5f], TrackEmbedding.Median([0, 0, 1, 1], 2));
        Assert.Equal(1f, TrackEmbedding.For(NetworkKind.Metric, segments, 2, TrackPooling.Median)[0], 6);
    }

    [Fact]
    public void TrackEmbedding_Trimmed_DropsTheFifthFarthestFromTheMean()
    {
        float[] segments = [1, 0, 0.9f, 0.1f, 1, -0.1f, 1.1f, 0, -5, 9];

        var trimmed = TrackEmbedding.Trimmed(segments, 2);

        Assert.Equal(1f, trimmed[0], 5);
        Assert.Equal(0f, trimmed[1], 5);
        Assert.Equal(TrackEmbedding.Mean([1, 2, 3, 4], 2), TrackEmbedding.Trimmed([1, 2, 3, 4], 2));
    }

    [Theory]
    [InlineData("mean", TrackPooling.Mean)]
    [InlineData("Median", TrackPooling.Median)]
    [InlineData("trimmed", TrackPooling.Trimmed)]
    public void TrackPoolings_Parse_ReadsTheNamesReportsWrite(string name, TrackPooling expected)
    {
        Assert.Equal(expected, TrackPoolings.Parse(name));
        Assert.Equal(name.ToLowerInvariant(), TrackPoolings.NameOf(expected));
    }

    [Fact]
    public void TrackPoolings_Parse_UnknownName_ThrowsNamingIt() =>
        Assert.Contains("'max'", Assert.Throws<ArgumentException>(() => TrackPoolings.Parse("max")).Message);

    private static void AssertClose(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 4);
    }
}
