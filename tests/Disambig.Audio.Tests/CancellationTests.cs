namespace Disambig.Audio.Tests;

[Collection(FfmpegCollection.Name)]
public sealed class CancellationTests(MediaFiles files)
{
    [Fact]
    public async Task ExtractAsync_CancelledMidDecode_ThrowsAndLeavesNoFfmpegProcess()
    {
        // Decoding three hours whole takes seconds, so the cancellation lands while ffmpeg runs.
        var path = LongFile();
        var extractor = new TrackFeatureExtractor(new AudioOptions { WholeFileDecodeMaxRatio = 1000 });
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(700));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => extractor.ExtractAsync(path, cancellation.Token));

        ChildProcesses.AssertNoneLeft();
    }

    [Fact]
    public async Task ExtractAsync_CancelledWhileProbing_ThrowsAndLeavesNoFfprobeProcess()
    {
        // ffprobe alone takes well over 50 ms to start, so the cancellation lands during the probe (which an mp3 with a
        // frame count would skip: its header gives the duration).
        var path = LongFile();
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            new TrackFeatureExtractor(new AudioOptions { ReadHeaderDurations = false }).ExtractAsync(path, cancellation.Token));

        ChildProcesses.AssertNoneLeft();
    }

    [Fact]
    public async Task ExtractAsync_DecodeOverItsTimeout_ThrowsTimeoutAndLeavesNoFfmpegProcess()
    {
        var path = LongFile();
        var extractor = new TrackFeatureExtractor(new AudioOptions { WholeFileDecodeMaxRatio = 1000, DecodeTimeout = TimeSpan.FromMilliseconds(300) });

        var error = await Assert.ThrowsAsync<AudioDecodeException>(() => extractor.ExtractAsync(path, CancellationToken.None));

        Assert.Equal(AudioErrorReason.Timeout, error.Reason);
        Assert.StartsWith(path, error.Message);
        ChildProcesses.AssertNoneLeft();
    }

    private string LongFile()
    {
        var loop = files.Make("one-minute.mp3", "-f lavfi -i sine=f=1000:r=8000:d=60 -c:a libmp3lame -b:a 8k");
        return files.Make("three-hours.mp3", $"-stream_loop 179 -i {loop} -c copy");
    }
}
