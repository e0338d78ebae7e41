using Disambig.Grains.Tracks;

namespace Disambig.Grains.Tests;

public sealed class TrackStateTests
{
    private static readonly TrackFailure Corrupt = new("t", "a.mp3", TrackFailureReason.Corrupt, "bad");

    [Fact]
    public void Find_SameAudioAndVersion_ReturnsTheCachedVector()
    {
        var state = new TrackState();
        state.Keep("etag1", new CachedVector("m1", [1, 0], "s1"));
        Assert.Equal("s1", state.Find("etag1", "m1")!.ComputedBySweep);
        Assert.Null(state.Find("etag1", "m2"));
        Assert.Null(state.Find("etag2", "m1"));
    }

    [Fact]
    public void Keep_ForChangedAudio_DropsVectorsAndFailureOfTheOldAudio()
    {
        var state = new TrackState();
        state.Fail("etag1", Corrupt);
        state.Keep("etag2", new CachedVector("m1", [1, 0], "s1"));
        Assert.Null(state.FailureOf("etag1"));
        Assert.Null(state.FailureOf("etag2"));
        Assert.NotNull(state.Find("etag2", "m1"));
    }

    [Fact]
    public void Keep_ThirdModelVersion_KeepsOnlyTheTwoNewest()
    {
        var state = new TrackState();
        foreach (var version in new[] { "m1", "m2", "m3" }) state.Keep("e", new CachedVector(version, [1], "s"));
        Assert.Equal(["m2", "m3"], state.Vectors.Select(v => v.ModelVersion));
    }

    [Fact]
    public void FailureOf_SameAudio_ReturnsTheRecordedFailureSoItIsNotRetried()
    {
        var state = new TrackState();
        state.Fail("etag1", Corrupt);
        Assert.Equal(Corrupt, state.FailureOf("etag1"));
    }
}
