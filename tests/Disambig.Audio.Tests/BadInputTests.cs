using System.Runtime.Versioning;

namespace Disambig.Audio.Tests;

/// <summary>Every bad input of issue 3 item 5, as real files: the typed error naming the file, and no ffmpeg left behind.</summary>
[Collection(FfmpegCollection.Name)]
public sealed class BadInputTests(MediaFiles files)
{
    private readonly TrackFeatureExtractor _extractor = new(new AudioOptions());

    [Fact]
    public async Task ExtractAsync_MissingFile_ThrowsFileNotFound() =>
        await AssertFailsAsync(files.PathOf("nowhere/missing.mp3"), AudioErrorReason.FileNotFound);

    [Fact]
    public async Task ExtractAsync_ZeroByteFile_ThrowsEmpty()
    {
        var path = files.PathOf("empty.mp3");
        await File.WriteAllBytesAsync(path, []);
        await AssertFailsAsync(path, AudioErrorReason.Empty);
    }

    [Fact]
    public async Task ExtractAsync_TextFileNamedMp3_ThrowsNotMedia()
    {
        var path = files.PathOf("notes.mp3");
        await File.WriteAllTextAsync(path, "These are not the sounds you are looking for.\n");
        await AssertFailsAsync(path, AudioErrorReason.NotMedia);
    }

    [Fact]
    public async Task Naming_ErrorOfATemporaryCopy_NamesTheOriginalEverywhere()
    {
        var path = files.PathOf("download-1234.mp3");
        await File.WriteAllTextAsync(path, "not audio\n");
        var error = await Assert.ThrowsAsync<AudioDecodeException>(() => _extractor.ExtractAsync(path, CancellationToken.None));

        var named = error.Naming("catalog/audio/track.mp3");

        Assert.Equal(("catalog/audio/track.mp3", AudioErrorReason.NotMedia), (named.Path, named.Reason));
        Assert.StartsWith("catalog/audio/track.mp3: ", named.Message);
        Assert.DoesNotContain(path, named.Message);
        Assert.Same(error, named.InnerException);
    }

    [Fact]
    public async Task ExtractAsync_VideoOnlyFile_ThrowsNoAudioStream()
    {
        var path = files.Make("video-only.mp4", "-f lavfi -i testsrc=size=64x48:rate=5:duration=12 -c:v mpeg4");
        await AssertFailsAsync(path, AudioErrorReason.NoAudioStream);
    }

    [Fact]
    public async Task ExtractAsync_PngImage_ThrowsNoAudioStream()
    {
        var path = files.Make("cover.png", "-f lavfi -i testsrc=size=64x48 -frames:v 1");
        await AssertFailsAsync(path, AudioErrorReason.NoAudioStream);
    }

    [Theory]
    [InlineData("flac", "-c:a flac")]
    [InlineData("mp3", "-c:a libmp3lame -b:a 128k")]
    public async Task ExtractAsync_FileCutInHalf_ThrowsTruncated(string extension, string codec)
    {
        var whole = files.Sine($"to-cut.{extension}", 440, 24, codec: codec);
        var path = files.PathOf($"truncated.{extension}");
        var bytes = await File.ReadAllBytesAsync(whole);
        await File.WriteAllBytesAsync(path, bytes[..(bytes.Length / 2)]);

        await AssertFailsAsync(path, AudioErrorReason.Truncated);
    }

    [Fact]
    public async Task ExtractAsync_DirectoryGivenAsFile_ThrowsUnreadable()
    {
        var path = files.PathOf("album.mp3");
        Directory.CreateDirectory(path);
        await AssertFailsAsync(path, AudioErrorReason.Unreadable);
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task ExtractAsync_FileWithoutReadPermission_IsUnreadableUnlessTheUserBypassesPermissions()
    {
        var path = files.Sine("locked.wav", 440, 12);
        File.SetUnixFileMode(path, UnixFileMode.None);
        // root reads any file whatever its mode, so there the honest outcome is features, not an error.
        var readable = CanOpen(path);

        if (readable)
            Assert.Equal(10, (await _extractor.ExtractAsync(path, CancellationToken.None)).Segments);
        else
            await AssertFailsAsync(path, AudioErrorReason.Unreadable);
        ChildProcesses.AssertNoneLeft();
    }

    [Fact]
    public async Task ExtractAsync_TwoSecondFile_ThrowsTooShort()
    {
        var path = files.Sine("two-seconds.wav", 440, 2);
        await AssertFailsAsync(path, AudioErrorReason.TooShort);
    }

    [Fact]
    public async Task ExtractAsync_FiveSecondFile_GivesOneZeroPaddedSegment()
    {
        var path = files.Sine("five-seconds.ogg", 440, 5, codec: "-c:a libvorbis");

        var features = await _extractor.ExtractAsync(path, CancellationToken.None);

        Assert.True(features.Padded);
        Assert.Equal((1, 388), (features.Segments, features.Frames));
        var lastFrame = features.Segment(0).Span[^128..].ToArray();
        Assert.All(lastFrame, value => Assert.Equal(0, value));
        ChildProcesses.AssertNoneLeft();
    }

    [Fact]
    public async Task ExtractAsync_DigitalSilence_ThrowsSilent()
    {
        var path = files.Make("silence.flac", "-f lavfi -i anullsrc=r=44100:cl=stereo -t 30 -c:a flac");
        await AssertFailsAsync(path, AudioErrorReason.Silent);
    }

    [Fact]
    public async Task ExtractAsync_ToneBelowThreshold_ThrowsSilentButAToneAboveItDecodes()
    {
        // A sine of amplitude a has an RMS level of 20 log10(a / sqrt 2) dBFS: 0.0009 gives -63.9, 0.0018 gives -57.9.
        var quiet = files.Make("quiet.wav", "-f lavfi -i aevalsrc=0.0009*sin(2*PI*440*t):s=22050:d=12 -c:a pcm_f32le");
        var audible = files.Make("audible.wav", "-f lavfi -i aevalsrc=0.0018*sin(2*PI*440*t):s=22050:d=12 -c:a pcm_f32le");

        await AssertFailsAsync(quiet, AudioErrorReason.Silent);
        Assert.Equal(10, (await _extractor.ExtractAsync(audible, CancellationToken.None)).Segments);
    }

    private async Task AssertFailsAsync(string path, AudioErrorReason reason)
    {
        var error = await Assert.ThrowsAsync<AudioDecodeException>(() => _extractor.ExtractAsync(path, CancellationToken.None));

        Assert.Equal(reason, error.Reason);
        Assert.Equal(path, error.Path);
        Assert.StartsWith(path + ": ", error.Message);
        ChildProcesses.AssertNoneLeft();
    }

    private static bool CanOpen(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return true;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
