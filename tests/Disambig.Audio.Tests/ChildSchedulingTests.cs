using System.Globalization;
using System.Runtime.Versioning;
using System.Text;

namespace Disambig.Audio.Tests;

/// <summary>
/// Issue 14: ffmpeg and ffprobe start under SCHED_BATCH (no wake-up preemption between ffmpeg's input threads and its
/// main thread) unless <see cref="AudioOptions.SchedBatch"/> is off; the caller's thread keeps its own policy, and the
/// samples are those of a decode under the default policy.
/// </summary>
[Collection(FfmpegCollection.Name)]
public sealed class ChildSchedulingTests(MediaFiles files)
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    [UnsupportedOSPlatform("windows")]
    public async Task RunAsync_ChildPolicyFollowsTheOptionAndTheCallersThreadKeepsItsOwn(bool schedBatch)
    {
        // A stand-in "ffmpeg" that prints its own /proc/self/stat (its scheduling policy is field 41).
        var folder = files.StandInFfmpeg($"sched-{schedBatch}", "cat /proc/self/stat");
        var callerPolicy = ChildScheduling.CurrentThreadPolicy();
        using var output = new MemoryStream();

        // Start happens before RunAsync's first await, on this thread: its policy is read right after.
        var run = FfmpegProcess.RunAsync("stand-in", folder, "ffmpeg", [], output, TimeSpan.FromMinutes(1), schedBatch, null, CancellationToken.None);
        var policyAfterStart = ChildScheduling.CurrentThreadPolicy();
        var result = await run;

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(callerPolicy, policyAfterStart);
        var expected = schedBatch && callerPolicy == ChildScheduling.SchedOther ? ChildScheduling.SchedBatch : callerPolicy;
        Assert.Equal(expected, PolicyOf(Encoding.ASCII.GetString(output.ToArray())));
    }

    [Fact]
    public async Task ExtractAsync_UnderSchedBatch_GivesTheSameMelAsTheDefaultPolicy()
    {
        var path = files.Make("sched/music.mp3",
            "-f lavfi -i anoisesrc=d=40:c=pink:r=44100:a=0.2:seed=5 -f lavfi -i sine=f=440:r=44100:d=40 -filter_complex amix=inputs=2 -ac 2 -c:a libmp3lame -b:a 128k");
        var plan = new AudioOptions { SegmentSeconds = 3, SegmentCount = 4 };

        var batch = await new TrackFeatureExtractor(With(plan, schedBatch: true)).ExtractAsync(path, CancellationToken.None);
        var other = await new TrackFeatureExtractor(With(plan, schedBatch: false)).ExtractAsync(path, CancellationToken.None);

        Assert.Equal(DecodeStrategy.SeekSegments, batch.Strategy);
        Assert.Equal(other.Mel, batch.Mel);
        ChildProcesses.AssertNoneLeft();
    }

    private static AudioOptions With(AudioOptions plan, bool schedBatch) => new()
    {
        SegmentSeconds = plan.SegmentSeconds,
        SegmentCount = plan.SegmentCount,
        SchedBatch = schedBatch,
    };

    // /proc/PID/stat: "pid (comm) state ..." with the policy the 41st field, the 39th after the closing parenthesis.
    private static int PolicyOf(string stat) =>
        int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[38], CultureInfo.InvariantCulture);
}
