using System.Diagnostics;
using System.Globalization;

namespace Disambig.Audio.Benchmarks;

/// <summary>
/// The project's side of tools/bench/audio_side_by_side.sh: <c>--extract [--tracks N] [--concurrency C] FILE...</c>
/// extracts the files' features round-robin (after one warm-up per file), C tracks at a time, and prints one line:
/// <c>project tracks/s X cpu-ms/track Y tracks N seconds S</c>, where the CPU time counts this process and its ffmpeg and
/// ffprobe children, so that it stays comparable on a loaded machine.
/// </summary>
internal static class SideBySide
{
    public static async Task RunAsync(string[] args, TextWriter output)
    {
        var tracks = 20;
        var concurrency = 1;
        var files = new List<string>();
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--tracks": tracks = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--concurrency": concurrency = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                default: files.Add(args[i]); break;
            }
        }
        if (files.Count == 0)
            throw new ArgumentException("--extract needs at least one file.");

        var extractor = new TrackFeatureExtractor(new AudioOptions());
        foreach (var file in files)
            await extractor.ExtractAsync(file, CancellationToken.None);

        var cpuBefore = CpuTimeReport.TotalCpuMilliseconds();
        var clock = Stopwatch.StartNew();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            int n;
            while ((n = Interlocked.Increment(ref next)) < tracks)
                await extractor.ExtractAsync(files[n % files.Count], CancellationToken.None);
        })));
        var seconds = clock.Elapsed.TotalSeconds;
        var cpu = CpuTimeReport.TotalCpuMilliseconds() - cpuBefore;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"project tracks/s {tracks / seconds:F3} cpu-ms/track {cpu / tracks:F1} tracks {tracks} seconds {seconds:F3}"));
    }
}
