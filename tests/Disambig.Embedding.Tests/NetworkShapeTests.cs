using Disambig.Embedding.Networks;
using static TorchSharp.torch;

namespace Disambig.Embedding.Tests;

public sealed class NetworkShapeTests
{
    [Fact]
    public void ArtistNet_Describe_NineSeconds_MatchesTableOneSizes()
    {
        using var network = ArtistNet.Paper(dim: 32, segmentFrames: 388);
        var layers = NetworkDescription.Of(network).Layers.ToDictionary(l => l.Name, l => l.OutputShape.ToArray());

        Assert.Equal(new long[] { 1, 388, 128 }, layers["stack"]);
        Assert.Equal(new long[] { 16, 388, 128 }, layers["conv1"]);
        Assert.Equal(new long[] { 16, 194, 64 }, layers["maxpool1"]);
        Assert.Equal(new long[] { 32, 194, 64 }, layers["conv2"]);
        Assert.Equal(new long[] { 32, 64, 21 }, layers["maxpool2"]);
        Assert.Equal(new long[] { 64, 64, 21 }, layers["conv3"]);
        Assert.Equal(new long[] { 64, 21, 7 }, layers["maxpool3"]);
        Assert.Equal(new long[] { 21, 448 }, layers["flatten"]);
        Assert.Equal(new long[] { 448 }, layers["average pool"]);
        Assert.Equal(new long[] { 32 }, layers["l2 const."]);
    }

    [Theory]
    [InlineData(32, 37_664)]
    [InlineData(256, 138_240)]
    public void ArtistNet_Describe_PaperDims_CountsParameters(int dim, long expected)
    {
        using var network = ArtistNet.Paper(dim, segmentFrames: 388);
        var description = NetworkDescription.Of(network);

        Assert.Equal(expected, description.TotalParameters);
        Assert.Equal(expected, network.parameters().Sum(p => p.numel()));
        Assert.Equal(448L * dim + dim, description.Layers.Single(l => l.Name == "dense").Parameters);
    }

    [Theory]
    [InlineData(388, 21)]
    [InlineData(130, 7)]
    public void ArtistNet_Describe_TablesHeadAsPrinted_AveragesTheFiltersOfTimeTimesFeatures(int frames, long time)
    {
        using var network = new ArtistNet(NetworkSpec.PaperMetric(32, frames) with { Head = MetricHead.ChannelAverage });
        var layers = NetworkDescription.Of(network).Layers.ToDictionary(l => l.Name);

        Assert.Equal(new long[] { 64, time * 7 }, layers["flatten"].OutputShape.ToArray());
        Assert.Equal(new long[] { time * 7 }, layers["average pool"].OutputShape.ToArray());
        Assert.Equal(time * 7 * 32 + 32, layers["dense"].Parameters);
    }

    [Fact]
    public void ArtistNet_ChannelAverage_IsTheMeanOverFiltersOfTheLastPooling()
    {
        using var network = new ArtistNet(NetworkSpec.PaperMetric(32, 130) with { Head = MetricHead.ChannelAverage });
        using var scope = NewDisposeScope();
        var pooled = arange(2 * 3 * 2 * 2, dtype: float32).reshape(2, 3, 2, 2);

        var head = network.Layers.Single(l => l.Name == "average pool").Module.call(network.Layers.Single(l => l.Name == "flatten").Module.call(pooled));

        Assert.Equal(new long[] { 2, 4 }, head.shape);
        // Batch 0: filters hold 0-3, 4-7, 8-11; their mean per position is 4, 5, 6, 7.
        Assert.Equal([4f, 5f, 6f, 7f], head[0].data<float>().ToArray());
    }

    [Fact]
    public void ArtistNet_Describe_ThreeSeconds_PoolsTo7x7()
    {
        using var network = ArtistNet.Paper(dim: 32, segmentFrames: 130);
        var layers = NetworkDescription.Of(network).Layers.ToDictionary(l => l.Name, l => l.OutputShape.ToArray());

        Assert.Equal(new long[] { 16, 65, 64 }, layers["maxpool1"]);
        Assert.Equal(new long[] { 32, 21, 21 }, layers["maxpool2"]);
        Assert.Equal(new long[] { 64, 7, 7 }, layers["maxpool3"]);
        Assert.Equal(new long[] { 448 }, layers["average pool"]);
    }

    [Fact]
    public void ArtistNet_Embed_RandomSegments_GivesUnitVectors()
    {
        manual_seed(1);
        using var network = ArtistNet.Paper(dim: 32, segmentFrames: 130);
        network.eval();
        using var scope = NewDisposeScope();
        var embeddings = network.Embed(rand(3, 130, 128));

        Assert.Equal(new long[] { 3, 32 }, embeddings.shape);
        var norms = embeddings.norm(1).data<float>().ToArray();
        Assert.All(norms, n => Assert.Equal(1f, n, 4));
    }

    [Fact]
    public void ArtistNet_Embed_WrongFrameCount_ThrowsNamingTheShape()
    {
        using var network = ArtistNet.Paper(dim: 32, segmentFrames: 130);
        using var scope = NewDisposeScope();

        var error = Assert.Throws<ArgumentException>(() => network.Embed(rand(2, 388, 128)));
        Assert.Contains("[batch, 130, 128]", error.Message);
    }

    [Theory]
    [InlineData(130, new long[] { 128, 43 }, new long[] { 128, 14 }, 3)]
    [InlineData(388, new long[] { 128, 129 }, new long[] { 128, 43 }, 4)]
    public void ArtistClassifier_Describe_PaperLayout_PoolsByThreeThenGlobalMax(int frames, long[] block1, long[] block2, int pooledBlocks)
    {
        using var network = ArtistClassifier.Paper(frames, artistCount: 10);
        var description = NetworkDescription.Of(network);
        var layers = description.Layers.ToDictionary(l => l.Name, l => l.OutputShape.ToArray());

        Assert.Equal(new long[] { 128, frames }, layers["mel as channels"]);
        Assert.Equal(block1, layers["conv1d block1"]);
        Assert.Equal(block2, layers["conv1d block2"]);
        Assert.Equal(new long[] { 256, 4 }, layers[$"conv1d block{pooledBlocks + 1}"]);
        Assert.Equal(new long[] { 256 }, layers["global max pool"]);
        Assert.Equal(new long[] { 256 }, layers["dense (embedding)"]);
        Assert.Equal(new long[] { 10 }, layers["dense (artists)"]);
        // conv(128->128 or 256, k=3) + bias + batch-norm scale and shift, per block.
        long convs = pooledBlocks * (128 * 128 * 3 + 128 + 2 * 128) + (128 * 256 * 3 + 256 + 2 * 256);
        Assert.Equal(convs + (256 * 256 + 256) + (256 * 10 + 10), description.TotalParameters);
    }

    [Fact]
    public void ArtistClassifier_EmbedAndForward_GiveHiddenLayerAndLogits()
    {
        manual_seed(2);
        using var network = ArtistClassifier.Paper(segmentFrames: 130, artistCount: 7);
        network.eval();
        using var scope = NewDisposeScope();
        var segments = rand(2, 130, 128);

        Assert.Equal(new long[] { 2, 256 }, network.Embed(segments).shape);
        Assert.Equal(new long[] { 2, 7 }, network.forward(segments).shape);
    }

    [Theory]
    [InlineData(NetworkKind.Metric)]
    [InlineData(NetworkKind.Classifier)]
    public void Network_Backward_PaperLayout_GivesFiniteGradientsInEveryLayer(NetworkKind kind)
    {
        manual_seed(3);
        using EmbeddingNetwork network = kind == NetworkKind.Metric ? ArtistNet.Paper(32, 130) : ArtistClassifier.Paper(130, 5);
        network.train();
        using var scope = NewDisposeScope();

        network.forward(rand(4, 130, 128)).square().sum().backward();

        Assert.All(network.named_parameters(), p => Assert.True(isfinite(p.parameter.grad!).all().item<bool>(), $"{p.name} has a non-finite gradient"));
    }
}
