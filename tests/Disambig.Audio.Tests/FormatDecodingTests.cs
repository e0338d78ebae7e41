namespace Disambig.Audio.Tests;

[Collection(FfmpegCollection.Name)]
public sealed class FormatDecodingTests(MediaFiles files)
{
    private const double ToneHz = 1507; // the centre of mel band 36
    private readonly TrackFeatureExtractor _extractor = new(new AudioOptions());

    [Theory]
    [InlineData("wav", "-c:a pcm_s16le")]
    [InlineData("flac", "-c:a flac")]
    [InlineData("mp3", "-c:a libmp3lame -b:a 128k")]
    [InlineData("ogg", "-c:a libvorbis")]
    [InlineData("opus", "-c:a libopus -b:a 96k")]
    [InlineData("m4a", "-c:a aac -b:a 128k")]
    public async Task ExtractAsync_ToneInEachFormat_LandsInTheToneBandOfEverySegment(string extension, string codec)
    {
        var path = files.Sine($"tone.{extension}", ToneHz, 12, codec: codec);

        var features = await _extractor.ExtractAsync(path, CancellationToken.None);

        Assert.Equal((10, 388, 128), (features.Segments, features.Frames, features.Bands));
        Assert.Equal(10 * 388 * 128, features.Mel.Length);
        Assert.False(features.Padded);
        AssertPeakBand(features, ExpectedBand(ToneHz));
        ChildProcesses.AssertNoneLeft();
    }

    [Fact]
    public async Task ExtractAsync_SixChannelFile_AveragesAllChannels()
    {
        var path = files.Make("six.flac", $"-f lavfi -i sine=f={ToneHz}:r=48000:d=12 -af volume=0.5 -ac 6");

        var features = await _extractor.ExtractAsync(path, CancellationToken.None);

        Assert.Equal(6, features.Stream.Channels);
        AssertPeakBand(features, ExpectedBand(ToneHz));
        ChildProcesses.AssertNoneLeft();
    }

    [Fact]
    public async Task DecodeAsync_StereoWithOneSilentChannel_HalvesTheAmplitude()
    {
        // Left: sine of amplitude 0.5, right: silence. The average has amplitude 0.25 (-15 dBFS RMS); -ac 1 would give 0.354.
        var path = files.Make("left-only.wav",
            "-f lavfi -i aevalsrc=0.5*sin(2*PI*1000*t)|0:s=22050:d=12 -c:a pcm_f32le");

        var track = await new TrackAudioDecoder(new AudioOptions()).DecodeAsync(path, CancellationToken.None);

        Assert.Equal(0.25, track.Samples.Max(), 3);
        Assert.Equal(20 * Math.Log10(0.25 / Math.Sqrt(2)), Loudness.RmsDbfs(track.Samples), 2);
    }

    [Fact]
    public async Task ExtractAsync_EightKilohertzFile_ResamplesAndKeepsTheTone()
    {
        var path = files.Make("low-rate.wav", "-f lavfi -i sine=f=1000:r=8000:d=12 -c:a pcm_s16le");

        var features = await _extractor.ExtractAsync(path, CancellationToken.None);

        Assert.Equal(8000, features.Stream.SampleRateHz);
        AssertPeakBand(features, ExpectedBand(1000));
        ChildProcesses.AssertNoneLeft();
    }

    [Fact]
    public async Task ExtractAsync_PathWithSpacesAndNonAsciiLetters_Decodes()
    {
        var path = files.Sine("dossier à part/Björk – Jóga ü ñ 日本.flac", ToneHz, 12, codec: "-c:a flac");

        var features = await _extractor.ExtractAsync(path, CancellationToken.None);

        Assert.Equal(path, features.Path);
        AssertPeakBand(features, ExpectedBand(ToneHz));
        ChildProcesses.AssertNoneLeft();
    }

    internal static int ExpectedBand(double hz)
    {
        var edges = MelFilterbank.BandEdgesHz(128, 0, 11025);
        return Enumerable.Range(0, 128).MinBy(m => Math.Abs(edges[m + 1] - hz));
    }

    internal static void AssertPeakBand(TrackFeatures features, int band)
    {
        for (var s = 0; s < features.Segments; s++)
        {
            var frame = features.Segment(s).Span.Slice(100 * 128, 128).ToArray();
            Assert.Equal(band, Array.IndexOf(frame, frame.Max()));
        }
    }
}
