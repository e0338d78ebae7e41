using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Disambig.Audio.Benchmarks;

/// <summary>
/// The side-by-side bench's <c>--timeline FILE</c> (issue 14, eighth round): every ffmpeg/ffprobe process and every
/// track's mel of the measured window (<see cref="AudioTelemetry"/>'s activities), one line each,
/// <c>name start-s end-s inputs</c> relative to the window's start, then the window's length and the per-core
/// <c>/proc/stat</c> lines (jiffies) at its start and end, so that tools/bench/audio_timeline.py can compute the core-seconds
/// left idle and when.
/// </summary>
internal sealed class Timeline : IDisposable
{
    private readonly string _file;
    private readonly ActivityListener _listener;
    private readonly ConcurrentQueue<(string Name, DateTime Start, TimeSpan Duration, object? Inputs)> _spans = new();
    private readonly DateTime _start;
    private readonly string[] _statBefore;
    private readonly Stopwatch _clock;
    private bool _ended;

    public Timeline(string file)
    {
        _file = file;
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == AudioTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = activity => _spans.Enqueue((activity.OperationName, activity.StartTimeUtc, activity.Duration, activity.GetTagItem("inputs"))),
        };
        ActivitySource.AddActivityListener(_listener);
        _statBefore = CpuLines();
        _start = DateTime.UtcNow;
        _clock = Stopwatch.StartNew();
    }

    /// <summary>Ends the window: writes the file.</summary>
    public void End()
    {
        if (_ended)
            return;
        _ended = true;
        var seconds = _clock.Elapsed.TotalSeconds;
        var statAfter = CpuLines();
        _listener.Dispose();
        using var writer = new StreamWriter(_file);
        foreach (var (name, start, duration, inputs) in _spans.OrderBy(s => s.Start))
        {
            var from = (start - _start).TotalSeconds;
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name} {from:F6} {from + duration.TotalSeconds:F6} {inputs ?? 0}"));
        }
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"window {seconds:F6}"));
        foreach (var line in _statBefore)
            writer.WriteLine("before " + line);
        foreach (var line in statAfter)
            writer.WriteLine("after " + line);
        writer.WriteLine("loadavg " + File.ReadAllText("/proc/loadavg").Trim());
    }

    public void Dispose() => End();

    private static string[] CpuLines() =>
        File.Exists("/proc/stat") ? File.ReadLines("/proc/stat").Where(l => l.StartsWith("cpu", StringComparison.Ordinal)).ToArray() : [];
}
