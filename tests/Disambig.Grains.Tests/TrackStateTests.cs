using Disambig.Grains.Tracks;
using Disambig.Vectors;

namespace Disambig.Grains.Tests;

public sealed class TrackStateTests
{
    private static readonly TrackFailure Corrupt = new("t", "a.mp3", TrackFailureReason.Corrupt, "bad");
    private static readonly VectorFeatures NineSeconds = new(9, 10);

    private static TrackVectorKey Key(string etag, string model, VectorFeatures? features = null) => new(etag, model, features ?? NineSeconds);

    [Fact]
    public void Find_SameAudioVersionAndFeatures_ReturnsTheCachedVector()
    {
        var state = new TrackState();
        state.Keep(Key("etag1", "m1"), [1, 0], "s1");
        Assert.Equal("s1", state.Find(Key("etag1", "m1"))!.ComputedBySweep);
        Assert.Null(state.Find(Key("etag1", "m2")));
        Assert.Null(state.Find(Key("etag2", "m1")));
        Assert.Null(state.Find(Key("etag1", "m1", new VectorFeatures(9, 5))));
    }

    [Fact]
    public void Keep_SameModelWithOtherFeatures_ReplacesTheModelsVector()
    {
        var state = new TrackState();
        state.Keep(Key("e", "m1"), [1, 0], "s1");
        state.Keep(Key("e", "m1", new VectorFeatures(9, 5)), [0, 1], "s2");
        Assert.Equal("s2", Assert.Single(state.Vectors).ComputedBySweep);
        Assert.Null(state.Find(Key("e", "m1")));
    }

    [Fact]
    public void Find_VectorKeptBeforeFeaturesWereRecorded_ServesTheModelSoNothingIsEmbeddedAgain()
    {
        var state = new TrackState();
        state.Keep("etag1", new CachedVector("m1", [1, 0], "s0"));
        Assert.Equal("s0", state.Find(Key("etag1", "m1"))!.ComputedBySweep);
        Assert.Null(state.Find(Key("etag2", "m1")));
    }

    [Fact]
    public void Keep_ForChangedAudio_DropsVectorsAndFailureOfTheOldAudio()
    {
        var state = new TrackState();
        state.Fail("etag1", Corrupt, "m1");
        state.Keep(Key("etag2", "m1"), [1, 0], "s1");
        Assert.Null(state.FailureOf("etag1", "m1"));
        Assert.Null(state.FailureOf("etag2", "m1"));
        Assert.NotNull(state.Find(Key("etag2", "m1")));
    }

    [Fact]
    public void Keep_ThirdModelVersion_KeepsOnlyTheTwoNewest()
    {
        var state = new TrackState();
        foreach (var version in new[] { "m1", "m2", "m3" }) state.Keep(Key("e", version), [1], "s");
        Assert.Equal(["m2", "m3"], state.Vectors.Select(v => v.ModelVersion));
    }

    [Fact]
    public void FailureOf_PermanentFailureOfSameAudio_HoldsForEveryModelSoItIsNotRetried()
    {
        var state = new TrackState();
        Assert.True(state.Fail("etag1", Corrupt, "m1"));
        Assert.Equal(Corrupt, state.FailureOf("etag1", "m1"));
        Assert.Equal(Corrupt, state.FailureOf("etag1", "m2"));
        Assert.Null(state.FailureOf("etag2", "m1"));
    }

    [Fact]
    public void FailureOf_EmbeddingFailure_HoldsOnlyForTheModelThatRefusedTheTrack()
    {
        var state = new TrackState();
        var refused = new TrackFailure("t", "a.mp3", TrackFailureReason.EmbeddingFailed, "shape");
        Assert.True(state.Fail("etag1", refused, "m1"));
        Assert.Equal(refused, state.FailureOf("etag1", "m1"));
        Assert.Null(state.FailureOf("etag1", "m2"));
    }

    [Theory]
    [InlineData(TrackFailureReason.Timeout)]
    [InlineData(TrackFailureReason.Unexpected)]
    public void Fail_TransientFailure_IsNeverRemembered(TrackFailureReason reason)
    {
        var state = new TrackState();
        state.Keep(Key("etag1", "m0"), [1], "s0");
        Assert.False(state.Fail("etag1", new TrackFailure("t", "a.mp3", reason, "busy"), "m1"));
        Assert.Null(state.FailureOf("etag1", "m1"));
        Assert.NotNull(state.Find(Key("etag1", "m0")));
    }

    [Fact]
    public void FailureOf_TransientFailureInOldState_IsIgnoredSoTheTrackIsTriedAgain()
    {
        var state = new TrackState { AudioETag = "etag1", Failure = new TrackFailure("t", "a.mp3", TrackFailureReason.Timeout, "slow") };
        Assert.Null(state.FailureOf("etag1", "m1"));
    }

    [Theory]
    [InlineData(TrackFailureReason.Corrupt, TrackFailureClass.Permanent)]
    [InlineData(TrackFailureReason.Silent, TrackFailureClass.Permanent)]
    [InlineData(TrackFailureReason.FileNotFound, TrackFailureClass.Permanent)]
    [InlineData(TrackFailureReason.EmbeddingFailed, TrackFailureClass.ModelDependent)]
    [InlineData(TrackFailureReason.Timeout, TrackFailureClass.Transient)]
    [InlineData(TrackFailureReason.Unexpected, TrackFailureClass.Transient)]
    public void Class_OfEachReason_SaysHowLongItIsRemembered(TrackFailureReason reason, TrackFailureClass expected) =>
        Assert.Equal(expected, new TrackFailure("t", "a.mp3", reason, "x").Class);
}
