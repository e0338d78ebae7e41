using System.Diagnostics;
using System.Globalization;

namespace Disambig.Audio.Benchmarks;

/// <summary>
/// The project's side of tools/bench/audio_side_by_side.sh:
/// <c>--extract [--tracks N] [--concurrency C] [--batch B] [--in-flight K] [--warmup M] [--wait-ms W] [--gather-ms G] [--sched-batch 0|1] [--slot-wait 0|1] [--pin 0|1] [--engine ffmpeg|libav] [--processes P] [--ffmpeg-folder DIR] [--timeline FILE] [--dump PREFIX] FILE...</c> extracts the files' features
/// round-robin (after one warm-up per file, whose mel --dump writes raw to PREFIX.i.f32 for byte-for-byte comparisons, then rounds of K tracks through
/// the same concurrent loop until a round compiles under 10 methods or M tracks (default 4 K) are done, and a pause until the tiered JIT is idle, so that the measurement is the steady state of a long-running worker) with one shared <see cref="TrackFeatureExtractor"/> whose decoder puts up to
/// B tracks in one ffmpeg process (<see cref="AudioOptions.BatchTracks"/>, default 4; 1: a process per track) after waiting at most W ms for them
/// (<see cref="AudioOptions.BatchWait"/>, default its default), gathering the tracks that find a free run for G ms
/// (<see cref="AudioOptions.BatchGather"/>, default its default; 0: such a track starts at once, alone), ffmpeg under SCHED_BATCH or not (<see cref="AudioOptions.SchedBatch"/>, default on), full batches waiting for a free slot and the last one spread or not (<see cref="AudioOptions.BatchesWaitForSlots"/>, default off), each ffmpeg process pinned to one core or not (<see cref="AudioOptions.PinDecodeProcesses"/>, default on), the decode engine (<see cref="AudioOptions.DecodeEngine"/>, default ffmpeg processes), P decode processes (<see cref="AudioOptions.DecodeProcesses"/>, default the cores), ffmpeg from DIR, the measured window's ffmpeg runs and mels written to FILE (<see cref="Timeline"/>, read by tools/bench/audio_timeline.py), K tracks
/// in flight at once (default <see cref="AudioOptions.TracksInFlight"/>, 2 x cores x B, a worker silo's default feature concurrency, so that C ffmpeg processes, one per core the caller pins, are busy and B tracks
/// per core are waiting for the next; with B = 1: C, one ffmpeg process per track as before the batching front), and prints one
/// line: <c>project tracks/s X cpu-ms/track Y tracks N seconds S shared-runs R runs R1 children-ms/track Z jit-ms/track J jit-methods M2 tiering-cpu-ms/track T gcs G gen2 G2 warm-up W2</c>, where the CPU time counts this process
/// and its ffmpeg and ffprobe children, so that it stays comparable on a loaded machine, and R counts the ffmpeg
/// processes that decoded several tracks, R1 all ffmpeg runs of the batching front (shared or of one track), and Z the CPU of the ffmpeg/ffprobe children alone, J the JIT's compilation time in the measured window and M2 the methods it compiled, T the CPU time of
/// the runtime's background tiered-compilation thread (CPU time from /proc, not elapsed time as J, which load inflates), G and G2 the
/// garbage collections (all, gen 2) in it, W2 the warm-up tracks.
/// </summary>
internal static class SideBySide
{
    public static async Task RunAsync(string[] args, TextWriter output)
    {
        var tracks = 20;
        var concurrency = 1;
        var batch = 4;
        int? inFlight = null;
        int? warmUpTracks = null;
        var waitMs = new AudioOptions().BatchWait.TotalMilliseconds;
        var gatherMs = new AudioOptions().BatchGather.TotalMilliseconds;
        var schedBatch = new AudioOptions().SchedBatch;
        var slotWait = new AudioOptions().BatchesWaitForSlots;
        string? dump = null;
        string? timeline = null;
        var ffmpegFolder = "";
        var pin = new AudioOptions().PinDecodeProcesses;
        var engine = new AudioOptions().DecodeEngine;
        var processes = new AudioOptions().DecodeProcesses;
        var files = new List<string>();
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--tracks": tracks = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--concurrency": concurrency = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--batch": batch = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--in-flight": inFlight = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--warmup": warmUpTracks = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--wait-ms": waitMs = double.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--gather-ms": gatherMs = double.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--sched-batch": schedBatch = args[++i] != "0"; break;
                case "--slot-wait": slotWait = args[++i] != "0"; break;
                case "--dump": dump = args[++i]; break;
                case "--timeline": timeline = args[++i]; break;
                case "--ffmpeg-folder": ffmpegFolder = args[++i]; break;
                case "--pin": pin = args[++i] != "0"; break;
                case "--engine": engine = Enum.Parse<AudioDecodeEngine>(args[++i], ignoreCase: true); break;
                case "--processes": processes = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                default: files.Add(args[i]); break;
            }
        }
        if (files.Count == 0)
            throw new ArgumentException("--extract needs at least one file.");

        var options = new AudioOptions
        {
            BatchTracks = batch,
            BatchWait = TimeSpan.FromMilliseconds(waitMs),
            BatchGather = TimeSpan.FromMilliseconds(gatherMs),
            SchedBatch = schedBatch,
            BatchesWaitForSlots = slotWait,
            DecodeProcesses = processes,
            FfmpegFolder = ffmpegFolder,
            PinDecodeProcesses = pin,
            DecodeEngine = engine,
        };
        var extractor = new TrackFeatureExtractor(options);
        for (var f = 0; f < files.Count; f++)
        {
            var warmUp = await extractor.ExtractAsync(files[f], CancellationToken.None);
            if (dump is not null)
                await File.WriteAllBytesAsync(string.Create(CultureInfo.InvariantCulture, $"{dump}.{f}.f32"),
                    System.Runtime.InteropServices.MemoryMarshal.AsBytes(warmUp.Mel.AsSpan()).ToArray());
        }
        // Steady state, as in a long-running worker (and as the peer, whose interpreter start and imports its warm-up
        // leaves out): rounds of K tracks through the same concurrent loop as the measurement until a round compiles
        // fewer than 10 methods (at most M tracks), then a pause until the tiered JIT is idle. Without it the JIT's
        // tier-up (about 800 methods recompiled over the first hundred tracks; 400-510 of them inside a 16-track window
        // on two cores) fell into the short measured windows: 12-24 ms more of this process's CPU per track at 2 cores,
        // 5-8 ms at 1 (docs/benchmarks.md, fifth round). The side-by-side script also turns tiering off.
        // In flight: as on a worker silo with its default feature concurrency (AudioOptions.TracksInFlight, 2 x cores x B;
        // the cores being those taskset allows), or one track per core without batching.
        var parallel = inFlight ?? (batch == 1 ? concurrency : options.TracksInFlight);
        var warmedUp = 0;
        var maxWarmUp = warmUpTracks ?? 4 * parallel;
        while (warmedUp < maxWarmUp)
        {
            var methods = System.Runtime.JitInfo.GetCompiledMethodCount();
            var round = Math.Min(parallel, maxWarmUp - warmedUp);
            await ExtractConcurrentlyAsync(extractor, files, round, parallel);
            warmedUp += round;
            if (System.Runtime.JitInfo.GetCompiledMethodCount() - methods < 10)
                break;
        }
        await SettleJitAsync();
        var sharedBefore = extractor.SharedRuns;
        var runsBefore = extractor.Runs;

        var cpuBefore = CpuTimeReport.TotalCpuMilliseconds();
        var childrenBefore = CpuTimeReport.ChildrenCpuMilliseconds();
        var jitBefore = System.Runtime.JitInfo.GetCompilationTime();
        var methodsBefore = System.Runtime.JitInfo.GetCompiledMethodCount();
        var tieringBefore = TieringThreadCpuMilliseconds();
        var gcBefore = GC.CollectionCount(0) + GC.CollectionCount(1) + GC.CollectionCount(2);
        var gen2Before = GC.CollectionCount(2);
        using var trace = timeline is null ? null : new Timeline(timeline);
        var clock = Stopwatch.StartNew();
        await ExtractConcurrentlyAsync(extractor, files, tracks, parallel);
        var seconds = clock.Elapsed.TotalSeconds;
        trace?.End();
        var cpu = CpuTimeReport.TotalCpuMilliseconds() - cpuBefore;
        var children = CpuTimeReport.ChildrenCpuMilliseconds() - childrenBefore;
        var jit = (System.Runtime.JitInfo.GetCompilationTime() - jitBefore).TotalMilliseconds;
        var gcs = GC.CollectionCount(0) + GC.CollectionCount(1) + GC.CollectionCount(2) - gcBefore;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"project tracks/s {tracks / seconds:F3} cpu-ms/track {cpu / tracks:F1} tracks {tracks} seconds {seconds:F3} shared-runs {extractor.SharedRuns - sharedBefore} runs {extractor.Runs - runsBefore} children-ms/track {children / tracks:F1} jit-ms/track {jit / tracks:F1} jit-methods {System.Runtime.JitInfo.GetCompiledMethodCount() - methodsBefore} tiering-cpu-ms/track {(TieringThreadCpuMilliseconds() - tieringBefore) / tracks:F1} gcs {gcs} gen2 {GC.CollectionCount(2) - gen2Before} warm-up {warmedUp}"));
    }

    private static Task ExtractConcurrentlyAsync(TrackFeatureExtractor extractor, List<string> files, int tracks, int parallel)
    {
        var next = -1;
        return Task.WhenAll(Enumerable.Range(0, parallel).Select(_ => Task.Run(async () =>
        {
            int n;
            while ((n = Interlocked.Increment(ref next)) < tracks)
                await extractor.ExtractAsync(files[n % files.Count], CancellationToken.None);
        })));
    }

    /// <summary>Waits until no method has been compiled for half a second (at most 10 s).</summary>
    private static async Task SettleJitAsync()
    {
        var clock = Stopwatch.StartNew();
        var count = System.Runtime.JitInfo.GetCompiledMethodCount();
        var stableSince = clock.Elapsed;
        while (clock.Elapsed - stableSince < TimeSpan.FromMilliseconds(500) && clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(100);
            var now = System.Runtime.JitInfo.GetCompiledMethodCount();
            if (now != count)
                (count, stableSince) = (now, clock.Elapsed);
        }
    }

    /// <summary>CPU time (user + system) of the runtime's background tiered-compilation thread(s), ms; 0 where /proc is missing.</summary>
    private static double TieringThreadCpuMilliseconds()
    {
        var total = 0.0;
        if (!Directory.Exists("/proc/self/task"))
            return total;
        foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            try
            {
                if (!File.ReadAllText(Path.Combine(task, "comm")).StartsWith(".NET Tiered", StringComparison.Ordinal))
                    continue;
                var stat = File.ReadAllText(Path.Combine(task, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                // Fields 14 and 15 of stat (utime, stime), counted from the state field (3) after the name, in clock
                // ticks of 10 ms (USER_HZ is 100 on Linux).
                total += (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) * 10.0;
            }
            catch (IOException)
            {
                // The thread ended meanwhile.
            }
        }
        return total;
    }
}
