using FFMpegCore;

namespace Disambig.Audio.Tests;

/// <summary>
/// The probe now runs ffprobe itself with only the fields it needs (issue 14); segment plans must stay what they were
/// when FFMpegCore's analysis gave the duration.
/// </summary>
[Collection(FfmpegCollection.Name)]
public sealed class AudioProbeTests(MediaFiles files)
{
    [Theory]
    [InlineData("wav", "-c:a pcm_s16le")]
    [InlineData("flac", "-c:a flac")]
    [InlineData("mp3", "-c:a libmp3lame -b:a 128k")]
    [InlineData("ogg", "-c:a libvorbis -q:a 4")]
    [InlineData("opus", "-c:a libopus -b:a 64k")]
    [InlineData("m4a", "-c:a aac -b:a 96k")]
    public async Task ProbeAsync_EachFormat_GivesFfmpegCoresStreamAndTheSamePlan(string extension, string codec)
    {
        var path = files.Make($"probe-101.3s.{extension}", $"-f lavfi -i sine=f=440:r=44100:d=101.3 -ac 2 {codec}");
        var options = new AudioOptions();

        var probed = await AudioProbe.ProbeAsync(path, options, CancellationToken.None);

        var analysis = await FFProbe.AnalyseAsync(path);
        var stream = analysis.PrimaryAudioStream!;
        var duration = stream.Duration > TimeSpan.Zero ? stream.Duration : analysis.Format.Duration;
        Assert.Equal(new AudioStreamInfo(duration.TotalSeconds, stream.Channels ?? 1, stream.SampleRateHz ?? 0, stream.CodecName ?? "unknown"), probed);
        Assert.Equal(SegmentPlan.Create(path, duration.TotalSeconds, options).StartSamples,
            SegmentPlan.Create(path, probed.DurationSeconds, options).StartSamples);
    }
}
