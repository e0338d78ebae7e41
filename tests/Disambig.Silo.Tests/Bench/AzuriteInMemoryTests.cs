using System.Globalization;
using System.Text.RegularExpressions;
using Disambig.TestSupport;

namespace Disambig.Silo.Tests.Bench;

/// <summary>
/// The Azurite that the scale benchmark runs in memory (<c>--store azurite</c>): its blob garbage collection, whose
/// per-extent index rebuilds stalled the 100 000-name runs 10 minutes in, is deferred by a day, and it sends no telemetry.
/// </summary>
public sealed partial class AzuriteInMemoryTests : IDisposable
{
    /// <summary>Longest wait for Azurite's debug log to show its first garbage collection pass; only a hung Azurite reaches it.</summary>
    private static readonly TimeSpan LogBound = TimeSpan.FromMinutes(1);

    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task InMemory_DefersBlobGarbageCollectionByADay_AndSendsNoTelemetry()
    {
        var log = _folder["azurite-debug.log"];
        await using var azurite = await AzuriteProcess.StartAsync(AzuritePersistence.Memory, debugLog: log);

        // Azurite's first pass runs at start over an empty store, then sleeps for the interval: the log says how long.
        var sleep = await WaitForLineAsync(log, BlobGcSleep());

        Assert.Equal((long)AzuriteProcess.BlobGcInterval.TotalMilliseconds, long.Parse(sleep.Groups[1].Value, CultureInfo.InvariantCulture));
        Assert.Contains("enableTelemetry: false", await ReadSharedAsync(log), StringComparison.Ordinal);
    }

    private static async Task<Match> WaitForLineAsync(string path, Regex pattern)
    {
        var deadline = DateTime.UtcNow + LogBound;
        while (true)
        {
            if (File.Exists(path) && pattern.Match(await ReadSharedAsync(path)) is { Success: true } match) return match;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Azurite's debug log {path} has no line matching {pattern}.");
            await Task.Delay(100);
        }
    }

    private static async Task<string> ReadSharedAsync(string path)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }

    [GeneratedRegex(@"BlobGCManager:markSweepLoop\(\) Sleep for (\d+)ms")]
    private static partial Regex BlobGcSleep();
}
