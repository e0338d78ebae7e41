namespace Disambig.Audio.Tests;

/// <summary>
/// The in-process decoder (<see cref="AudioDecodeEngine.Libav"/>) against the ffmpeg processes it can replace: the same
/// samples for a whole file, segments where the plan puts them when it seeks, and the same typed errors.
/// </summary>
[Collection(FfmpegCollection.Name)]
public sealed class LibavDecodingTests(MediaFiles files)
{
    private static readonly Dictionary<string, string> Codecs = new()
    {
        ["wav"] = "-c:a pcm_s16le",
        ["flac"] = "-c:a flac",
        ["mp3"] = "-c:a libmp3lame -b:a 128k",
        ["ogg"] = "-c:a libvorbis",
        ["opus"] = "-c:a libopus -b:a 96k",
        ["m4a"] = "-c:a aac -b:a 128k",
    };

    /// <summary>Every format of <see cref="Codecs"/>: wav, FLAC, mp3, Ogg Vorbis, Opus and AAC in MP4.</summary>
    public static TheoryData<string> Formats => [.. Codecs.Keys];

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task DecodeAsync_WholeFileInEachFormat_GivesTheSamplesOfTheFfmpegProcess(string extension)
    {
        var path = MusicLike($"whole.{extension}", 40, Codecs[extension]);

        var process = await Decoder(AudioDecodeEngine.Ffmpeg).DecodeAsync(path, CancellationToken.None);
        var library = await Decoder(AudioDecodeEngine.Libav).DecodeAsync(path, CancellationToken.None);

        Assert.Equal(DecodeStrategy.WholeFile, library.Strategy);
        Assert.Equal(process.Samples.Length, library.Samples.Length);
        var peak = process.Samples.Max(Math.Abs);
        var worst = process.Samples.Zip(library.Samples, (a, b) => Math.Abs(a - b)).Max();
        Assert.InRange(worst / peak, 0, 1e-4);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task DecodeAsync_SeekingInEachFormat_CutsEverySegmentWhereTheWholeDecodeHasIt(string extension)
    {
        var path = MusicLike($"long.{extension}", 100, Codecs[extension]);

        var seeking = await Decoder(AudioDecodeEngine.Libav, wholeFileRatio: 1).DecodeAsync(path, CancellationToken.None);
        var whole = await Decoder(AudioDecodeEngine.Libav, wholeFileRatio: 1000).DecodeAsync(path, CancellationToken.None);

        Assert.Equal(DecodeStrategy.SeekSegments, seeking.Strategy);
        Assert.Equal(DecodeStrategy.WholeFile, whole.Strategy);
        var length = seeking.Plan.SegmentSamples;
        for (var s = 0; s < seeking.Plan.Count; s++)
        {
            // Past the resampler's first milliseconds (it starts afresh at each seek), a segment is the whole decode's
            // samples at the same place; one shifted by even a millisecond would differ by about its own level.
            var cut = seeking.Samples.AsSpan(s * length + 2_000, length - 4_000);
            var reference = whole.Samples.AsSpan(s * length + 2_000, length - 4_000);
            Assert.InRange(RelativeRms(cut, reference), 0, 0.02);
        }
    }

    [Theory]
    [InlineData("flac")]
    [InlineData("mp3")]
    public async Task DecodeAsync_FileCutInHalf_ThrowsTruncatedNamingTheFile(string extension)
    {
        var whole = files.Sine($"libav-to-cut.{extension}", 440, 24, codec: Codecs[extension]);
        var path = files.PathOf($"libav-truncated.{extension}");
        var bytes = await File.ReadAllBytesAsync(whole);
        await File.WriteAllBytesAsync(path, bytes[..(bytes.Length / 2)]);

        var error = await Assert.ThrowsAsync<AudioDecodeException>(() => Decoder(AudioDecodeEngine.Libav).DecodeAsync(path, CancellationToken.None));

        Assert.Equal(AudioErrorReason.Truncated, error.Reason);
        Assert.Equal(path, error.Path);
    }

    [Fact]
    public async Task DecodeAsync_CancelledCall_ThrowsOperationCanceled()
    {
        var path = MusicLike("cancelled.mp3", 40, Codecs["mp3"]);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Decoder(AudioDecodeEngine.Libav).DecodeAsync(path, cancelled.Token));
    }

    [Fact]
    public void Validate_UnknownEngine_NamesTheSetting()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new AudioOptions { DecodeEngine = (AudioDecodeEngine)7 }.Validate());

        Assert.Equal(nameof(AudioOptions.DecodeEngine), error.ParamName);
    }

    [Fact]
    public void WholeFileDecodeMaxRatio_ByDefault_SeeksSoonerInProcessUnlessSet()
    {
        Assert.Equal(2, new AudioOptions().WholeFileRatio);
        Assert.Equal(1, new AudioOptions { DecodeEngine = AudioDecodeEngine.Libav }.WholeFileRatio);
        Assert.Equal(3, new AudioOptions { WholeFileDecodeMaxRatio = 3, DecodeEngine = AudioDecodeEngine.Libav }.WholeFileRatio);
    }

    private static TrackAudioDecoder Decoder(AudioDecodeEngine engine, double wholeFileRatio = 2) =>
        new(new AudioOptions { DecodeEngine = engine, WholeFileDecodeMaxRatio = wholeFileRatio });

    /// <summary>Notes with decaying envelopes over a bass and a little noise, stereo 44.1 kHz: no two places alike.</summary>
    private string MusicLike(string name, int seconds, string codec) =>
        files.Make(name,
            $"-f lavfi -i aevalsrc=0.25*sin(2*PI*(220+55*floor(mod(t\\,4)))*t)*exp(-4*mod(t\\,0.5))+0.2*sin(2*PI*55*t):s=44100:d={seconds} " +
            $"-f lavfi -i anoisesrc=d={seconds}:c=pink:r=44100:a=0.02:seed=5 -filter_complex amix=inputs=2:normalize=0 -ac 2 {codec}");

    private static double RelativeRms(ReadOnlySpan<float> actual, ReadOnlySpan<float> expected)
    {
        double difference = 0, level = 0;
        for (var i = 0; i < actual.Length; i++)
        {
            difference += (actual[i] - expected[i]) * (double)(actual[i] - expected[i]);
            level += expected[i] * (double)expected[i];
        }
        return Math.Sqrt(difference / level);
    }
}
