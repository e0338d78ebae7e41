using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Disambig.Audio.Benchmarks;

/// <summary>
/// Wall time alone misleads on a shared machine, so this report adds the CPU time that ffprobe and ffmpeg
/// used (getrusage of reaped children) and the CPU time of this process (mel), per track, for both decode
/// strategies and several track lengths. Run with <c>--cpu-report [repetitions]</c>.
/// </summary>
internal static class CpuTimeReport
{
    private static readonly int[] TrackSeconds = [30, 60, 120, 180, 240];

    public static async Task RunAsync(int repetitions, TextWriter output)
    {
        var folder = Directory.CreateTempSubdirectory("disambig-audio-cpu-").FullName;
        try
        {
            output.WriteLine("| track | strategy | wall ms/track | ffmpeg+ffprobe CPU ms/track | own CPU ms/track (mel, pipe) |");
            output.WriteLine("|---|---|---|---|---|");
            foreach (var seconds in TrackSeconds)
            {
                var track = Path.Combine(folder, $"track-{seconds}s.mp3");
                AudioFrontEndBenchmarks.MakeMusicLikeMp3(track, seconds);
                foreach (var (name, ratio) in new[] { ("seek segments", 1.0), ("whole file", 1000.0) })
                {
                    var extractor = new TrackFeatureExtractor(new AudioOptions { WholeFileDecodeMaxRatio = ratio });
                    await extractor.ExtractAsync(track, CancellationToken.None); // warm-up
                    var (wall, children, own) = await MeasureAsync(() => extractor.ExtractAsync(track, CancellationToken.None), repetitions);
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"| {seconds} s mp3 | {name} | {wall:F0} | {children:F0} | {own:F0} |"));
                }
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<(double Wall, double Children, double Own)> MeasureAsync(Func<Task> run, int repetitions)
    {
        var self = Process.GetCurrentProcess();
        var childrenBefore = ChildrenCpuMilliseconds();
        var ownBefore = self.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < repetitions; i++)
            await run();
        clock.Stop();
        self.Refresh();
        return (clock.Elapsed.TotalMilliseconds / repetitions,
            (ChildrenCpuMilliseconds() - childrenBefore) / repetitions,
            (self.TotalProcessorTime - ownBefore).TotalMilliseconds / repetitions);
    }

    private static double ChildrenCpuMilliseconds()
    {
        if (GetResourceUsage(-1, out var usage) != 0) // RUSAGE_CHILDREN: terminated and reaped children
            throw new InvalidOperationException("getrusage failed");
        return (usage.UserSeconds + usage.SystemSeconds) * 1000.0 + (usage.UserMicroseconds + usage.SystemMicroseconds) / 1000.0;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct ResourceUsage
    {
        public long UserSeconds;
        public long UserMicroseconds;
        public long SystemSeconds;
        public long SystemMicroseconds;
        public Longs14 Rest;
    }

    [InlineArray(14)]
    private struct Longs14
    {
        private long _first;
    }

    [DllImport("libc", EntryPoint = "getrusage")]
    private static extern int GetResourceUsage(int who, out ResourceUsage usage);
}
