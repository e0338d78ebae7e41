namespace Disambig.Audio.Tests;

[Collection(FfmpegCollection.Name)]
public sealed class DecodeStrategyTests(MediaFiles files)
{
    private static readonly AudioOptions AlwaysSeek = new() { WholeFileDecodeMaxRatio = 1 };
    private static readonly AudioOptions AlwaysWhole = new() { WholeFileDecodeMaxRatio = 1000 };

    [Fact]
    public async Task DecodeAsync_SeekingAndWholeFile_GiveTheSameSamplesAtTheNativeRate()
    {
        var path = files.Make("pink-100s.wav", "-f lavfi -i anoisesrc=d=100:c=pink:r=22050:a=0.3:seed=42 -c:a pcm_s16le");

        var seeking = await new TrackAudioDecoder(AlwaysSeek).DecodeAsync(path, CancellationToken.None);
        var whole = await new TrackAudioDecoder(AlwaysWhole).DecodeAsync(path, CancellationToken.None);

        Assert.Equal(DecodeStrategy.SeekSegments, seeking.Strategy);
        Assert.Equal(DecodeStrategy.WholeFile, whole.Strategy);
        Assert.Equal(whole.Samples, seeking.Samples);
    }

    [Fact]
    public async Task DecodeAsync_SeekingAndWholeFileOnResampledMp3_AgreeAwayFromSegmentStarts()
    {
        var path = files.Make("pink-100s.mp3", "-f lavfi -i anoisesrc=d=100:c=pink:r=44100:a=0.3:seed=42 -ac 2 -c:a libmp3lame -b:a 192k");

        var seeking = await new TrackAudioDecoder(AlwaysSeek).DecodeAsync(path, CancellationToken.None);
        var whole = await new TrackAudioDecoder(AlwaysWhole).DecodeAsync(path, CancellationToken.None);

        // The resampler starts afresh at each seek, so the first samples of a segment differ slightly.
        var worst = 0.0;
        for (var s = 0; s < 10; s++)
            for (var i = 2048; i < seeking.Plan.SegmentSamples; i++)
            {
                var index = s * seeking.Plan.SegmentSamples + i;
                worst = Math.Max(worst, Math.Abs(seeking.Samples[index] - whole.Samples[index]));
            }
        Assert.InRange(worst, 0, 1e-3);
    }

    [Fact]
    public async Task ExtractAsync_ThreeHourFile_SeeksTheTenSegmentsOnly()
    {
        var loop = files.Make("one-minute.mp3", "-f lavfi -i sine=f=1000:r=8000:d=60 -c:a libmp3lame -b:a 8k");
        var path = files.Make("three-hours.mp3", $"-stream_loop 179 -i {loop} -c copy");

        var features = await new TrackFeatureExtractor(new AudioOptions()).ExtractAsync(path, CancellationToken.None);

        Assert.Equal(DecodeStrategy.SeekSegments, features.Strategy);
        Assert.InRange(features.Stream.DurationSeconds, 3 * 3600 - 1, 3 * 3600 + 60);
        Assert.Equal(features.Plan.TrackSamples, features.Plan.StartSamples[^1] + features.Plan.SegmentSamples);
        FormatDecodingTests.AssertPeakBand(features, FormatDecodingTests.ExpectedBand(1000));
        ChildProcesses.AssertNoneLeft();
    }

    [Fact]
    public async Task ExtractExcerptAsync_WindowOfATrack_EqualsTheMelOfThoseSamples()
    {
        var path = files.Make("pink-100s.wav", "-f lavfi -i anoisesrc=d=100:c=pink:r=22050:a=0.3:seed=42 -c:a pcm_s16le");
        var decoder = new TrackAudioDecoder(new AudioOptions());

        var excerpt = await new TrackFeatureExtractor(new AudioOptions()).ExtractExcerptAsync(path, 10, 3, CancellationToken.None);
        var all = await decoder.DecodeExcerptAsync(path, 0, 1000, CancellationToken.None);

        Assert.Equal(100 * 22050, all.Length);
        Assert.Equal(130 * 128, excerpt.Length);
        Assert.Equal(MelSpectrogram.Compute(all[(10 * 22050)..(13 * 22050)], 1), excerpt);
    }

    [Fact]
    public async Task ExtractExcerptAsync_OffsetPastTheEnd_ThrowsOutOfRange()
    {
        var path = files.Make("pink-100s.wav", "-f lavfi -i anoisesrc=d=100:c=pink:r=22050:a=0.3:seed=42 -c:a pcm_s16le");

        var error = await Assert.ThrowsAsync<AudioDecodeException>(() =>
            new TrackFeatureExtractor(new AudioOptions()).ExtractExcerptAsync(path, 100, 9, CancellationToken.None));

        Assert.Equal(AudioErrorReason.OutOfRange, error.Reason);
        ChildProcesses.AssertNoneLeft();
    }
}
