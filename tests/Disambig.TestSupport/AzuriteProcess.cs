using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Disambig.TestSupport;

/// <summary>
/// A private Azurite (blob, queue, table) for one test, on loopback ports chosen once and a workspace folder of its own,
/// so the test can stop it and start it again on the same ports with the same data (a storage outage). The shared
/// Azurite of tools/test.sh (<see cref="AzuriteContainer"/>) is never disturbed. Uses the Azurite that tools/test.sh
/// installs into <c>.tools/azurite</c> of the repository.
/// </summary>
/// <remarks>
/// With <see cref="AzuritePersistence.Memory"/> Azurite keeps blobs, queues and tables in memory only (its
/// <c>--inMemoryPersistence</c>): no metadata database saved to disk every few seconds, whose cost grows with the number of
/// blobs; nothing survives a <see cref="StopAsync"/>. Its heap may then take half the machine's memory, and its blob
/// garbage collection is deferred by a day (<see cref="BlobGcInterval"/>).
/// </remarks>
public sealed class AzuriteProcess : IAsyncDisposable
{
    // The well-known development account of the Azure Storage emulator (public, not a secret).
    private const string Account = "devstoreaccount1";
    private const string Key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private const int SigTerm = 15;

    /// <summary>
    /// Interval of Azurite's blob garbage collection in memory (its default: 10 minutes). Each pass deletes every extent no
    /// blob refers to any more (one per overwritten blob in memory) one at a time, and each deletion (LokiJS
    /// <c>findAndRemove</c>) rebuilds the extents collection's index, a sort of every extent, on the emulator's only thread:
    /// with 100 000 names, 10 minutes in, that blocks Azurite for hours (0.7 s a deletion at 100 000 extents, 9 s at
    /// 600 000). Azure has no such cost; the bench defers the pass by a day, so overwritten blobs stay in memory until
    /// Azurite stops.
    /// </summary>
    public static readonly TimeSpan BlobGcInterval = TimeSpan.FromDays(1);

    /// <summary>Longest wait for Azurite to open its ports or to close its services; only a hung Azurite reaches it.</summary>
    private static readonly TimeSpan WaitBound = TimeSpan.FromMinutes(2);

    private readonly string _executable;
    private readonly AzuritePersistence _persistence;
    private readonly string? _debugLog;
    private readonly TemporaryFolder _workspace = new();
    private readonly int _blobPort = FreePorts.Loopback();
    private readonly int _queuePort = FreePorts.Loopback();
    private readonly int _tablePort = FreePorts.Loopback();
    private Process? _process;
    private TaskCompletionSource _servicesClosed = new();

    private AzuriteProcess(string executable, AzuritePersistence persistence, string? debugLog)
    {
        _executable = executable;
        _persistence = persistence;
        _debugLog = debugLog;
    }

    /// <summary>Connection string of the blob, queue and table endpoints; stays valid across <see cref="StopAsync"/> and <see cref="RestartAsync"/>.</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={Account};AccountKey={Key};"
        + $"BlobEndpoint=http://127.0.0.1:{_blobPort}/{Account};QueueEndpoint=http://127.0.0.1:{_queuePort}/{Account};"
        + $"TableEndpoint=http://127.0.0.1:{_tablePort}/{Account};";

    /// <summary>Id of the running Azurite process (Node), for its CPU time (<see cref="ProcessCpu"/>); null when stopped.</summary>
    public int? ProcessId => _process is { HasExited: false } process ? process.Id : null;

    /// <summary>Starts a new Azurite and waits until its three ports accept connections.</summary>
    /// <param name="persistence">Where it keeps its data: a workspace folder on disk (default), or memory only.</param>
    /// <param name="debugLog">
    /// A file for Azurite's debug log (its <c>--debug</c>: every request and its handling, the blob garbage collection's
    /// passes, timestamped; several kilobytes a request, and it slows the emulator), or null (default) for none.
    /// </param>
    public static async Task<AzuriteProcess> StartAsync(AzuritePersistence persistence = AzuritePersistence.Disk, string? debugLog = null)
    {
        var azurite = new AzuriteProcess(FindExecutable(), persistence, debugLog);
        await azurite.RestartAsync();
        return azurite;
    }

    /// <summary>
    /// Stops Azurite as a service manager would: SIGTERM, so that its three services close and save their databases,
    /// then, since it keeps idle client connections open after closing, a kill.
    /// </summary>
    public async Task StopAsync()
    {
        if (_process is not { HasExited: false } process) return;
        var closed = _servicesClosed;
        if (Kill(process.Id, SigTerm) == 0)
        {
            using var timeout = new CancellationTokenSource(WaitBound);
            await closed.Task.WaitAsync(timeout.Token);
        }
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    /// <summary>Starts Azurite again on the same ports over the same workspace (empty with <see cref="AzuritePersistence.Memory"/>).</summary>
    public async Task RestartAsync()
    {
        if (_process is { HasExited: false }) throw new InvalidOperationException("Azurite is still running; stop it first.");
        _process?.Dispose();
        var start = new ProcessStartInfo(_executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in (string[])
                 [
                     "--silent", "--skipApiVersionCheck", "--loose", "--disableProductStyleUrl", "--disableTelemetry",
                     .. _persistence == AzuritePersistence.Memory ? (string[])["--inMemoryPersistence"] : ["--location", _workspace.Path],
                     "--blobHost", "127.0.0.1", "--blobPort", $"{_blobPort}",
                     "--queueHost", "127.0.0.1", "--queuePort", $"{_queuePort}",
                     "--tableHost", "127.0.0.1", "--tablePort", $"{_tablePort}",
                     .. _debugLog is null ? (string[])[] : ["--debug", _debugLog],
                 ])
        {
            start.ArgumentList.Add(argument);
        }
        // In memory, everything Azurite holds is on Node's heap, whose default ceiling (about 4 GiB) the scale bench's
        // 100 000 names may approach, the more so with overwritten blobs kept (the blob garbage collection deferred).
        // (The stalls of the first 100 000-name runs, once put on this ceiling, were that garbage collection's.)
        if (_persistence == AzuritePersistence.Memory)
        {
            start.Environment["NODE_OPTIONS"] =
                $"--max-old-space-size={GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 2 / (1 << 20)} --require \"{WriteBlobGcDeferral()}\"";
        }
        _process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {_executable}.");
        var closed = _servicesClosed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var closedServices = 0;
        _process.OutputDataReceived += (_, e) =>
        {
            // "Azurite Blob service successfully closed", then Queue, then Table.
            if (e.Data?.Contains("successfully closed", StringComparison.Ordinal) == true && Interlocked.Increment(ref closedServices) == 3)
                closed.TrySetResult();
        };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        foreach (var port in (int[])[_blobPort, _queuePort, _tablePort])
        {
            await WaitForPortAsync(port);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        _process?.Dispose();
        _workspace.Dispose();
    }

    private async Task WaitForPortAsync(int port)
    {
        // A bound, not a timed assertion: node starts Azurite in a second or two on a quiet machine, in tens of
        // seconds on a loaded one (the whole suite runs at once on two cores).
        var deadline = DateTime.UtcNow + WaitBound;
        while (DateTime.UtcNow < deadline)
        {
            if (_process!.HasExited) throw new InvalidOperationException($"Azurite exited with code {_process.ExitCode} before opening port {port}.");
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }
        throw new TimeoutException($"Azurite did not open port {port}.");
    }

    /// <summary>
    /// Writes the script that Node loads before Azurite (<c>--require</c>) to set the interval of its blob garbage collection
    /// (<see cref="BlobGcInterval"/>; Azurite has no option for it), and returns its path. A missing constant (another
    /// Azurite version) stops Azurite at start with an error saying so, rather than stalling a long bench 10 minutes in.
    /// </summary>
    private string WriteBlobGcDeferral()
    {
        var constants = Path.Combine(Path.GetDirectoryName(_executable)!, "..", "azurite", "dist", "src", "blob", "utils", "constants.js");
        if (!File.Exists(constants)) throw new InvalidOperationException($"Azurite's blob constants are not at {constants}: its blob garbage collection cannot be deferred.");
        var script = Path.Combine(_workspace.Path, "defer-blob-gc.js");
        var path = JsonSerializer.Serialize(Path.GetFullPath(constants));
        File.WriteAllText(script, $$"""
            const constants = require({{path}});
            if (typeof constants.DEFAULT_GC_INTERVAL_MS !== "number") throw new Error("Azurite has no DEFAULT_GC_INTERVAL_MS in " + {{path}});
            constants.DEFAULT_GC_INTERVAL_MS = {{(long)BlobGcInterval.TotalMilliseconds}};

            """);
        return script;
    }

    /// <summary>The Azurite of <c>.tools/azurite</c> in the nearest folder above the test's output folder that has one.</summary>
    private static string FindExecutable()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, ".tools", "azurite", "node_modules", ".bin", "azurite");
            if (File.Exists(candidate)) return candidate;
        }
        throw new InvalidOperationException("Azurite is not installed in .tools/azurite: run the tests through tools/test.sh, which installs it.");
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}

/// <summary>Where an <see cref="AzuriteProcess"/> keeps its data.</summary>
public enum AzuritePersistence
{
    /// <summary>A workspace folder on disk (<c>--location</c>): kept across a stop and restart.</summary>
    Disk,

    /// <summary>Memory only (<c>--inMemoryPersistence</c>): lost when the process stops.</summary>
    Memory,
}
