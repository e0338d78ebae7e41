using Disambig.Audio;
using Disambig.Datasets.Recipes;

namespace Disambig.Datasets.Tests;

public sealed class ExcerptCutterTests
{
    private const int Bands = MelSpectrogram.MelBands;

    /// <summary>A whole-track mel whose every value is its frame index, so a cut segment tells where it came from.</summary>
    private static float[] FrameNumbered(double seconds)
    {
        int frames = MelSpectrogram.FrameCount((long)(seconds * MelSpectrogram.SampleRate));
        var mel = new float[frames * Bands];
        for (int f = 0; f < frames; f++) mel.AsSpan(f * Bands, Bands).Fill(f);
        return mel;
    }

    private static IEnumerable<float> FirstFrames(TrackSegments cut) => Enumerable.Range(0, cut.Count).Select(k => cut.Segment(k).Span[0]);

    [Fact]
    public void Cut_ThirtySecondExcerptOfLongTrack_GivesTenConsecutiveThreeSecondSegments()
    {
        var cut = ExcerptCutter.Cut("long.mp3", FrameNumbered(240), new RandomExcerpt(0.5, 30, 3));

        Assert.Equal((10, 130), (cut.Count, cut.Frames));
        var firsts = FirstFrames(cut).ToArray();
        // 66 150 samples per segment are 129.2 hops: consecutive segments start 129 or 130 frames apart, never overlapping.
        Assert.All(firsts.Zip(firsts.Skip(1)), pair => Assert.InRange(pair.Second - pair.First, 129, 130));
        var expectedStart = 0.5 * (240 * MelSpectrogram.SampleRate - 10 * 66_150) / MelSpectrogram.HopLength;
        Assert.InRange(firsts[0], expectedStart - 1, expectedStart + 1);
        Assert.All(Enumerable.Range(0, cut.Count), k => Assert.Equal(firsts[k] + 129, cut.Segment(k).Span[^1]));
    }

    [Fact]
    public void Cut_PositionOne_EndsTheExcerptAtTheTracksEnd()
    {
        var mel = FrameNumbered(60);
        var cut = ExcerptCutter.Cut("t.flac", mel, new RandomExcerpt(1, 30, 3));
        Assert.InRange(cut.Segment(9).Span[^1], mel.Length / Bands - 2, mel.Length / Bands - 1);
    }

    [Fact]
    public void Cut_TrackShorterThanTheExcerpt_GivesTheWholeSegmentsItHolds()
    {
        var mel = FrameNumbered(10);
        var cut = ExcerptCutter.Cut("short.wav", mel, new RandomExcerpt(0.3, 30, 3));
        Assert.Equal(3, cut.Count);
        Assert.InRange(cut.Segment(2).Span[^1], cut.Segment(0).Span[0] + 3 * 129, mel.Length / Bands - 1);
    }

    [Fact]
    public void Cut_TrackShorterThanOneSegment_ThrowsTooShortNamingTheFile()
    {
        var error = Assert.Throws<AudioDecodeException>(() => ExcerptCutter.Cut("tiny.ogg", FrameNumbered(2), new RandomExcerpt(0, 9, 9)));
        Assert.Equal(AudioErrorReason.TooShort, error.Reason);
        Assert.Contains("tiny.ogg", error.Message);
    }
}
