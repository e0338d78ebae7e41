using System.Diagnostics;
using System.Globalization;

namespace Disambig.Audio.Benchmarks;

/// <summary>
/// The project's side of tools/bench/audio_side_by_side.sh:
/// <c>--extract [--tracks N] [--concurrency C] [--batch B] [--in-flight K] [--wait-ms W] [--sched-batch 0|1] [--dump PREFIX] FILE...</c> extracts the files' features
/// round-robin (after one warm-up per file, whose mel --dump writes raw to PREFIX.i.f32 for byte-for-byte comparisons) with one shared <see cref="TrackFeatureExtractor"/> whose decoder puts up to
/// B tracks in one ffmpeg process (<see cref="AudioOptions.BatchTracks"/>, default 4; 1: a process per track) after waiting at most W ms for them
/// (<see cref="AudioOptions.BatchWait"/>, default its default), ffmpeg under SCHED_BATCH or not (<see cref="AudioOptions.SchedBatch"/>, default on), K tracks
/// in flight at once (default 2 x C x B, so that C ffmpeg processes, one per core the caller pins, are busy and B tracks
/// per core are waiting for the next; with B = 1: C, one ffmpeg process per track as before the batching front), and prints one
/// line: <c>project tracks/s X cpu-ms/track Y tracks N seconds S shared-runs R children-ms/track Z</c>, where the CPU time counts this process
/// and its ffmpeg and ffprobe children, so that it stays comparable on a loaded machine, and R counts the ffmpeg
/// processes that decoded several tracks and Z the CPU of the ffmpeg/ffprobe children alone.
/// </summary>
internal static class SideBySide
{
    public static async Task RunAsync(string[] args, TextWriter output)
    {
        var tracks = 20;
        var concurrency = 1;
        var batch = 4;
        int? inFlight = null;
        var waitMs = new AudioOptions().BatchWait.TotalMilliseconds;
        var schedBatch = new AudioOptions().SchedBatch;
        string? dump = null;
        var files = new List<string>();
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--tracks": tracks = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--concurrency": concurrency = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--batch": batch = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--in-flight": inFlight = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--wait-ms": waitMs = double.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--sched-batch": schedBatch = args[++i] != "0"; break;
                case "--dump": dump = args[++i]; break;
                default: files.Add(args[i]); break;
            }
        }
        if (files.Count == 0)
            throw new ArgumentException("--extract needs at least one file.");

        var extractor = new TrackFeatureExtractor(new AudioOptions { BatchTracks = batch, BatchWait = TimeSpan.FromMilliseconds(waitMs), SchedBatch = schedBatch });
        for (var f = 0; f < files.Count; f++)
        {
            var warmUp = await extractor.ExtractAsync(files[f], CancellationToken.None);
            if (dump is not null)
                await File.WriteAllBytesAsync(string.Create(CultureInfo.InvariantCulture, $"{dump}.{f}.f32"),
                    System.Runtime.InteropServices.MemoryMarshal.AsBytes(warmUp.Mel.AsSpan()).ToArray());
        }
        var sharedBefore = extractor.SharedRuns;

        var cpuBefore = CpuTimeReport.TotalCpuMilliseconds();
        var childrenBefore = CpuTimeReport.ChildrenCpuMilliseconds();
        var clock = Stopwatch.StartNew();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, inFlight ?? (batch == 1 ? concurrency : 2 * concurrency * batch)).Select(_ => Task.Run(async () =>
        {
            int n;
            while ((n = Interlocked.Increment(ref next)) < tracks)
                await extractor.ExtractAsync(files[n % files.Count], CancellationToken.None);
        })));
        var seconds = clock.Elapsed.TotalSeconds;
        var cpu = CpuTimeReport.TotalCpuMilliseconds() - cpuBefore;
        var children = CpuTimeReport.ChildrenCpuMilliseconds() - childrenBefore;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"project tracks/s {tracks / seconds:F3} cpu-ms/track {cpu / tracks:F1} tracks {tracks} seconds {seconds:F3} shared-runs {extractor.SharedRuns - sharedBefore} children-ms/track {children / tracks:F1}"));
    }
}
