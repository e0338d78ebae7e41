using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Disambig.Audio.Benchmarks;

/// <summary>
/// Wall time alone misleads on a shared machine, so this report adds the CPU time that ffprobe and ffmpeg
/// used (getrusage of reaped children) and the CPU time of this process, per decoded track, for both decode
/// strategies and track lengths where seeking is possible (longer than the 90 s plan). Run with
/// <c>--cpu-report [repetitions]</c>.
/// </summary>
internal static class CpuTimeReport
{
    private static readonly int[] TrackSeconds = [120, 180, 240, 360];

    public static async Task RunAsync(int repetitions, TextWriter output)
    {
        var folder = Directory.CreateTempSubdirectory("disambig-audio-cpu-").FullName;
        try
        {
            output.WriteLine("| track | strategy | wall ms/track | ffmpeg+ffprobe CPU ms/track | own CPU ms/track (pipe, slicing) |");
            output.WriteLine("|---|---|---|---|---|");
            var strategies = new[] { ("seek segments", 1.0), ("whole file", 1000.0) };
            foreach (var seconds in TrackSeconds)
            {
                var track = Path.Combine(folder, $"track-{seconds}s.mp3");
                AudioFrontEndBenchmarks.MakeMusicLikeMp3(track, seconds);
                var decoders = strategies.Select(s => new TrackAudioDecoder(new AudioOptions { WholeFileDecodeMaxRatio = s.Item2 })).ToArray();
                var totals = new Usage[strategies.Length];
                foreach (var decoder in decoders)
                    await decoder.DecodeAsync(track, CancellationToken.None); // warm-up
                // Interleaved, so that both strategies see the same drift in the machine's load.
                for (var r = 0; r < repetitions; r++)
                    for (var i = 0; i < decoders.Length; i++)
                    {
                        var decoder = decoders[i];
                        totals[i] += await MeasureAsync(() => decoder.DecodeAsync(track, CancellationToken.None));
                    }
                for (var i = 0; i < strategies.Length; i++)
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"| {seconds} s mp3 | {strategies[i].Item1} | {totals[i].Wall / repetitions:F0} | {totals[i].Children / repetitions:F0} | {totals[i].Own / repetitions:F0} |"));
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private readonly record struct Usage(double Wall, double Children, double Own)
    {
        public static Usage operator +(Usage a, Usage b) => new(a.Wall + b.Wall, a.Children + b.Children, a.Own + b.Own);
    }

    private static async Task<Usage> MeasureAsync(Func<Task> run)
    {
        var self = Process.GetCurrentProcess();
        var childrenBefore = ChildrenCpuMilliseconds();
        var ownBefore = self.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await run();
        clock.Stop();
        self.Refresh();
        return new Usage(clock.Elapsed.TotalMilliseconds, ChildrenCpuMilliseconds() - childrenBefore,
            (self.TotalProcessorTime - ownBefore).TotalMilliseconds);
    }

    /// <summary>CPU time of this process and of its terminated, reaped children (ffmpeg, ffprobe), ms.</summary>
    public static double TotalCpuMilliseconds() => CpuMilliseconds(0) + ChildrenCpuMilliseconds();

    /// <summary>CPU time of the terminated, reaped children only (ffmpeg, ffprobe), ms.</summary>
    public static double ChildrenCpuMilliseconds() => CpuMilliseconds(-1);

    private static double CpuMilliseconds(int who) // 0: RUSAGE_SELF, -1: RUSAGE_CHILDREN
    {
        if (GetResourceUsage(who, out var usage) != 0)
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
