namespace Disambig.Audio.Tests;

/// <summary>
/// The header probe (issue 14) must give exactly what ffprobe gives (duration to the millisecond, channels, rate,
/// codec), so that skipping the ffprobe process leaves every segment plan unchanged; files it cannot read exactly go
/// to ffprobe.
/// </summary>
[Collection(FfmpegCollection.Name)]
public sealed class HeaderProbeTests(MediaFiles files)
{
    [Theory]
    [InlineData("cbr-44k-stereo.mp3", "-f lavfi -i sine=f=440:r=44100:d=101.3 -ac 2 -c:a libmp3lame -b:a 128k")]
    [InlineData("vbr-44k-stereo.mp3", "-f lavfi -i sine=f=440:r=44100:d=240.04 -ac 2 -c:a libmp3lame -q:a 4")]
    [InlineData("cbr-48k-320.mp3", "-f lavfi -i sine=f=440:r=48000:d=61.7 -ac 2 -c:a libmp3lame -b:a 320k")]
    [InlineData("cbr-32k-mono.mp3", "-f lavfi -i sine=f=440:r=32000:d=12.345 -ac 1 -c:a libmp3lame -b:a 96k")]
    [InlineData("mpeg2-22k-mono.mp3", "-f lavfi -i sine=f=440:r=22050:d=33.333 -ac 1 -c:a libmp3lame -b:a 32k")]
    [InlineData("mpeg25-8k-mono.mp3", "-f lavfi -i sine=f=440:r=8000:d=9.5 -ac 1 -c:a libmp3lame -b:a 8k")]
    [InlineData("id3-cover.mp3", "-f lavfi -i sine=f=440:r=44100:d=37.77 -f lavfi -i color=c=red:s=320x320:d=1 -map 0:a -map 1:v -c:a libmp3lame -b:a 128k -c:v png -frames:v 1 -disposition:v attached_pic -id3v2_version 3 -metadata title=x")]
    [InlineData("stereo-44k.flac", "-f lavfi -i sine=f=440:r=44100:d=101.3 -ac 2 -c:a flac")]
    [InlineData("mono-48k-24bit.flac", "-f lavfi -i sine=f=440:r=48000:d=7.001 -ac 1 -c:a flac -sample_fmt s32")]
    [InlineData("six-96k.flac", "-f lavfi -i sine=f=440:r=96000:d=4.2 -ac 6 -c:a flac")]
    [InlineData("cover.flac", "-f lavfi -i sine=f=440:r=44100:d=37.77 -f lavfi -i color=c=red:s=320x320:d=1 -map 0:a -map 1:v -c:a flac -c:v png -frames:v 1 -disposition:v attached_pic")]
    [InlineData("stereo-44k.ogg", "-f lavfi -i sine=f=440:r=44100:d=101.3 -ac 2 -c:a libvorbis -q:a 4")]
    [InlineData("mono-22k.ogg", "-f lavfi -i sine=f=440:r=22050:d=12.345 -ac 1 -c:a libvorbis")]
    [InlineData("six-48k.ogg", "-f lavfi -i sine=f=440:r=48000:d=33.333 -ac 6 -c:a libvorbis")]
    [InlineData("cover.ogg", "-f lavfi -i sine=f=440:r=44100:d=240.04 -ac 2 -c:a libvorbis -metadata title=x -metadata artist=y")]
    [InlineData("stereo-96k.opus", "-f lavfi -i sine=f=440:r=48000:d=101.3 -ac 2 -c:a libopus -b:a 96k")]
    [InlineData("mono-from-44k.opus", "-f lavfi -i sine=f=440:r=44100:d=12.345 -ac 1 -c:a libopus -b:a 32k")]
    [InlineData("voip-20ms.opus", "-f lavfi -i sine=f=440:r=16000:d=9.5 -ac 1 -c:a libopus -application voip -frame_duration 60")]
    [InlineData("long.opus", "-f lavfi -i sine=f=440:r=48000:d=240.04 -ac 2 -c:a libopus -b:a 64k")]
    [InlineData("stereo-44k.m4a", "-f lavfi -i sine=f=440:r=44100:d=101.3 -ac 2 -c:a aac -b:a 160k")]
    [InlineData("stereo-48k.m4a", "-f lavfi -i sine=f=440:r=48000:d=13.37 -ac 2 -c:a aac")]
    [InlineData("six-44k.mp4", "-f lavfi -i sine=f=440:r=44100:d=33.333 -ac 6 -c:a aac")]
    [InlineData("no-edit-list.m4a", "-f lavfi -i sine=f=440:r=44100:d=10.5 -ac 2 -c:a aac -use_editlist 0")]
    [InlineData("faststart.m4a", "-f lavfi -i sine=f=440:r=22050:d=240.04 -ac 2 -c:a aac -movflags +faststart")]
    [InlineData("video-and-audio.mp4", "-f lavfi -i testsrc=size=64x48:rate=5:duration=12 -f lavfi -i sine=f=440:r=44100:d=11.5 -ac 2 -c:v mpeg4 -c:a aac")]
    public async Task TryRead_Mp3WithFrameCountFlacOggOrMp4_GivesFfprobesStreamAndPlan(string name, string arguments)
    {
        var path = files.Make($"header/{name}", arguments);
        var options = new AudioOptions();

        var fromHeader = HeaderProbe.TryRead(path);
        var fromFfprobe = await AudioProbe.ProbeWithFfprobeAsync(path, options, CancellationToken.None);

        Assert.Equal(fromFfprobe, fromHeader);
        Assert.Equal(await AudioProbe.ProbeAsync(path, options, CancellationToken.None), fromFfprobe);
    }

    [Theory]
    [InlineData(-100)]
    [InlineData(50)]
    public async Task TryRead_Mp4WhoseEditListIsShorterOrLongerThanItsMedia_GivesFfprobesDuration(int editChangeMilliseconds)
    {
        // ffmpeg caps the media duration at the one edit's: both sides of the cap, by rewriting the edit's duration.
        var made = files.Make("header/edit.m4a", "-f lavfi -i sine=f=440:r=44100:d=20.123 -ac 2 -c:a aac");
        var bytes = await File.ReadAllBytesAsync(made);
        var elst = bytes.AsSpan().IndexOf("elst"u8);
        var duration = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(elst + 12));
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(elst + 12), (uint)(duration + editChangeMilliseconds));
        var path = files.PathOf($"header/edit{editChangeMilliseconds}.m4a");
        await File.WriteAllBytesAsync(path, bytes);

        var fromHeader = HeaderProbe.TryRead(path);

        Assert.Equal(await AudioProbe.ProbeWithFfprobeAsync(path, new AudioOptions(), CancellationToken.None), fromHeader);
    }

    [Fact]
    public async Task TryRead_VorbisStartingFarFromZero_LeavesTheFileToFfprobe()
    {
        // A capture from the middle of a broadcast: every granule after the headers shifted by ten minutes of samples.
        var made = files.Make("header/shift-me.ogg", "-f lavfi -i sine=f=440:r=44100:d=20 -c:a libvorbis");
        var bytes = await File.ReadAllBytesAsync(made);
        var shifted = files.PathOf("header/shifted.ogg");
        for (var at = 0; at + 27 <= bytes.Length;)
        {
            var granule = System.Buffers.Binary.BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(at + 6));
            if (granule > 0)
                System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(at + 6), granule + 600 * 44100);
            var segments = bytes[at + 26];
            var body = 0;
            for (var i = 0; i < segments; i++)
                body += bytes[at + 27 + i];
            at += 27 + segments + body;
        }
        await File.WriteAllBytesAsync(shifted, bytes);

        Assert.NotNull(HeaderProbe.TryRead(made));
        Assert.Null(HeaderProbe.TryRead(shifted));
    }

    [Fact]
    public async Task TryRead_ChainedOgg_LeavesTheFileToFfprobe()
    {
        // Two streams one after the other: the last page belongs to the second, and ffmpeg's duration is not its granule.
        var first = files.Make("header/chain-a.ogg", "-f lavfi -i sine=f=440:r=44100:d=10 -c:a libvorbis");
        var second = files.Make("header/chain-b.ogg", "-f lavfi -i sine=f=440:r=44100:d=5 -c:a libvorbis");
        var path = files.PathOf("header/chained.ogg");
        await File.WriteAllBytesAsync(path, [.. await File.ReadAllBytesAsync(first), .. await File.ReadAllBytesAsync(second)]);

        Assert.Null(HeaderProbe.TryRead(path));
    }

    [Theory]
    [InlineData("no-xing.mp3", "-f lavfi -i sine=f=440:r=44100:d=20 -c:a libmp3lame -b:a 128k -write_xing 0")]
    [InlineData("two-streams.ogg", "-f lavfi -i sine=f=440:r=44100:d=20 -map 0:a -map 0:a -c:a libvorbis")]
    [InlineData("mono.m4a", "-f lavfi -i sine=f=440:r=44100:d=20 -ac 1 -c:a aac")]
    [InlineData("fragmented.mp4", "-f lavfi -i sine=f=440:r=44100:d=20 -ac 2 -c:a aac -movflags frag_keyframe+empty_moov")]
    [InlineData("alac.m4a", "-f lavfi -i sine=f=440:r=44100:d=20 -ac 2 -c:a alac")]
    [InlineData("tone.wav", "-f lavfi -i sine=f=440:r=44100:d=20 -c:a pcm_s16le")]
    public async Task TryRead_HeaderWithoutExactDuration_LeavesTheFileToFfprobe(string name, string arguments)
    {
        var path = files.Make($"header/{name}", arguments);

        Assert.Null(HeaderProbe.TryRead(path));
        var probed = await AudioProbe.ProbeAsync(path, new AudioOptions(), CancellationToken.None);
        Assert.Equal(20, probed.DurationSeconds, 1);
    }

    [Fact]
    public async Task TryRead_ConcatenatedMp3_LeavesTheFileToFfprobe()
    {
        // Two files joined byte for byte: the first Xing tag counts half the frames, and ffmpeg falls back to the bitrate.
        var half = files.Make("header/half.mp3", "-f lavfi -i sine=f=440:r=44100:d=20 -c:a libmp3lame -b:a 128k");
        var path = files.PathOf("header/joined.mp3");
        var bytes = await File.ReadAllBytesAsync(half);
        await File.WriteAllBytesAsync(path, [.. bytes, .. bytes]);

        Assert.Null(HeaderProbe.TryRead(path));
        var probed = await AudioProbe.ProbeAsync(path, new AudioOptions(), CancellationToken.None);
        Assert.Equal(40, probed.DurationSeconds, 0);
    }

    [Fact]
    public void TryRead_TextWithAnMp3Extension_LeavesTheFileToFfprobe()
    {
        var path = files.PathOf("header/not-audio.mp3");
        File.WriteAllText(path, "fLaC is not enough, and neither is ID3 or \u00ff\u00fb");

        Assert.Null(HeaderProbe.TryRead(path));
    }
}
