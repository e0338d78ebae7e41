namespace Disambig.Vectors.Tests;

/// <summary>The one rule for reusing a computed track vector, which the track grain and evaluation's cache both apply.</summary>
public sealed class TrackVectorKeyTests
{
    private static readonly TrackVectorKey Kept = new("\"e1\"", "m1", new VectorFeatures(9, 10));

    [Fact]
    public void Serves_SameAudioModelAndFeatures_ReusesTheVector() =>
        Assert.True(Kept.Serves(new TrackVectorKey("\"e1\"", "m1", new VectorFeatures(9, 10))));

    [Fact]
    public void Serves_RewrittenAudio_ComputesAgain() =>
        Assert.False(Kept.Serves(Kept with { AudioETag = "\"e2\"" }));

    [Fact]
    public void Serves_AnotherModel_ComputesAgain() =>
        Assert.False(Kept.Serves(Kept with { Model = "m2" }));

    [Theory]
    [InlineData(3, 10)]
    [InlineData(9, 5)]
    public void Serves_OtherSegmentLengthOrCount_ComputesAgain(int seconds, int count) =>
        Assert.False(Kept.Serves(new TrackVectorKey("\"e1\"", "m1", new VectorFeatures(seconds, count))));

    [Fact]
    public void Features_Text_NamesSegmentLengthCountAndPrecision() =>
        Assert.Equal("3s-10seg-f16", new VectorFeatures(3, 10).ToString());

    [Fact]
    public void Features_Text_MeanPoolingKeepsTheTextCachedVectorsHave_OtherPoolingsAreNamed()
    {
        Assert.Equal("9s-10seg-f16", new VectorFeatures(9, 10, Embedding.Inference.TrackPooling.Mean).ToString());
        Assert.Equal("9s-10seg-f16-median", new VectorFeatures(9, 10, Embedding.Inference.TrackPooling.Median).ToString());
        Assert.False(Kept.Serves(new TrackVectorKey("\"e1\"", "m1", new VectorFeatures(9, 10, Embedding.Inference.TrackPooling.Trimmed))));
    }
}
