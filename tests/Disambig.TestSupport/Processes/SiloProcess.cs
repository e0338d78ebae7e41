using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Disambig.Silo;

namespace Disambig.TestSupport.Processes;

/// <summary>
/// One <c>Disambig.Silo</c> process (the built Disambig.Silo.dll run by <c>dotnet</c>), configured only through its
/// environment as a deployment would configure it. Killed with its children when disposed.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private const int KeptLines = 400;

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();

    private SiloProcess(Process process, ClusterSiloSettings settings, int httpPort)
    {
        _process = process;
        Settings = settings;
        HttpPort = httpPort;
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>
    /// Failure detection for test silos (keys under <c>Disambig:</c>): a silo is declared dead after about a minute
    /// without answering probes (10 s probes, 6 missed) rather than Orleans' 15 s (5 s, 3). The test processes run
    /// at once on two cores, where a live silo process can go unanswered for 15 s (CPU starvation, a long GC): the
    /// other silo then voted it dead and it stopped itself, failing the test. A test that measures detection sets its
    /// own values.
    /// </summary>
    public static IReadOnlyDictionary<string, string> TolerantMembership { get; } = new Dictionary<string, string>
    {
        ["Membership:ProbeTimeout"] = "00:00:10",
        ["Membership:NumMissedProbesLimit"] = "6",
    };

    public ClusterSiloSettings Settings { get; }

    /// <summary>Loopback port of the process's HTTP endpoint (dashboard, JSON API, health).</summary>
    public int HttpPort { get; }

    /// <summary>Whether the process has ended (exited, or killed by <see cref="KillAsync"/>).</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>The last lines the process wrote, for failure messages.</summary>
    public string RecentOutput => string.Join('\n', _lines);

    /// <summary>
    /// Starts the silo process with <paramref name="settings"/> as <c>Disambig__*</c> environment variables, its HTTP
    /// endpoint (dashboard, health) on loopback port <paramref name="httpPort"/>, and <paramref name="configuration"/>
    /// as further configuration keys (<c>Bench:StubAudio</c> becomes <c>Disambig__Bench__StubAudio</c>).
    /// </summary>
    public static SiloProcess Start(ClusterSiloSettings settings, int httpPort, IReadOnlyDictionary<string, string>? configuration = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Disambig.Silo.dll"));
        foreach (var (key, value) in Environment(settings).Concat((configuration ?? new Dictionary<string, string>()).Select(pair => (pair.Key, pair.Value))))
        {
            start.Environment[$"Disambig__{key.Replace(":", "__", StringComparison.Ordinal)}"] = value;
        }
        start.Environment["Disambig__Http__Urls"] = $"http://127.0.0.1:{httpPort}";
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the silo process.");
        return new SiloProcess(process, settings, httpPort);
    }

    /// <summary>Throws with the process's output when it has exited.</summary>
    public void EnsureRunning()
    {
        if (_process.HasExited)
            throw new InvalidOperationException($"Silo process ({Settings.Roles}) exited with code {_process.ExitCode}:\n{RecentOutput}");
    }

    /// <summary>
    /// The peak resident set of the process so far (VmHWM of <c>/proc/PID/status</c>: managed heap, native libraries
    /// and buffers), in bytes.
    /// </summary>
    public long PeakResidentBytes()
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }

    /// <summary>CPU time (user and system) the process has used so far; null once it is gone.</summary>
    public TimeSpan? CpuTime() => ProcessCpu.Of(_process.Id);

    /// <summary>
    /// Kills the process with SIGKILL, as a node failure or the kernel's out-of-memory killer would: no graceful
    /// shutdown, no membership update, no state written; the cluster learns of it only by missed probes.
    /// </summary>
    public async Task KillAsync()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: false);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    private static IEnumerable<(string Key, string Value)> Environment(ClusterSiloSettings settings) =>
    [
        (nameof(settings.Roles), settings.Roles),
        (nameof(settings.StorageConnection), settings.StorageConnection),
        (nameof(settings.ClusterId), settings.ClusterId),
        (nameof(settings.ServiceId), settings.ServiceId),
        (nameof(settings.SiloPort), $"{settings.SiloPort}"),
        (nameof(settings.GatewayPort), $"{settings.GatewayPort}"),
        (nameof(settings.AdvertisedAddress), settings.AdvertisedAddress),
        (nameof(settings.ContainerPrefix), settings.ContainerPrefix),
        (nameof(settings.NightlySweepUtc), settings.NightlySweepUtc),
    ];

    private void Keep(string? line)
    {
        if (line is null) return;
        _lines.Enqueue(line);
        while (_lines.Count > KeptLines) _lines.TryDequeue(out _);
    }
}
