using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using Disambig.Catalog;
using Disambig.Grains;
using Disambig.Silo;
using Disambig.Silo.Bench;
using Disambig.TestSupport;
using Disambig.TestSupport.Processes;

namespace Disambig.Pipeline.Benchmarks;

/// <summary>Settings of <see cref="ScaleBench"/>.</summary>
/// <param name="Names">Names of the synthetic catalog.</param>
/// <param name="BigName">Tracks of the one big name (0: none).</param>
/// <param name="DelayMs">Milliseconds each stubbed feature extraction takes.</param>
/// <param name="Store">
/// Where the cluster keeps grain state and objects: "local" (files in one folder shared by the silo processes, Azurite
/// holding only membership and reminders), "azurite" (everything in Azurite, as a deployment keeps it in Azure; Azurite
/// in memory, so that its own disk persistence, which Azure does not have, is not measured) or "azurite-disk" (the
/// same with Azurite's data in a workspace on disk, as before).
/// </param>
/// <param name="AzuriteDebugLog">A file for Azurite's debug log (<c>--azurite-debug-log</c>), or null (default): none.</param>
internal sealed record ScaleSettings(int Names, int BigName, int DelayMs, string Store, string? AzuriteDebugLog = null);

/// <summary>
/// The catalog-scale benchmark (issue 11): a synthetic catalog of long-tailed names written as a releases file,
/// ingested the way <c>disambig ingest</c> ingests it into a cluster of three silo processes whose features,
/// embeddings and catalog audio come from the bench stubs (<see cref="BenchOptions"/>), swept in full, then swept
/// again with nothing changed. Prints names/s, each silo's peak resident memory, the largest grain state and message,
/// the dashboard API's latency while sweeping, and the unchanged re-sweep time, against the issue's targets.
/// </summary>
internal static class ScaleBench
{
    private static readonly string[] Roles = ["worker,trainer", "worker", "inference"];

    public static async Task<int> RunAsync(ScaleSettings settings, TextWriter output)
    {
        if (settings.Store is not ("local" or "azurite" or "azurite-disk"))
        {
            await output.WriteLineAsync($"error: --store {settings.Store} is unknown: use local, azurite or azurite-disk.");
            return 2;
        }
        using var work = new TemporaryFolder();
        var releases = Path.Combine(work.Path, "releases.jsonl");
        var generate = Stopwatch.StartNew();
        await CatalogJsonLines.WriteFileAsync(releases, StubCatalog.Generate(settings.Names, settings.BigName));
        await output.WriteLineAsync($"catalog: {settings.Names} names, big name {settings.BigName} tracks, releases file {new FileInfo(releases).Length / 1048576.0:0.0} MiB written in {generate.Elapsed.TotalSeconds:0.0} s");

        await using var azurite = await AzuriteProcess.StartAsync(settings.Store == "azurite" ? AzuritePersistence.Memory : AzuritePersistence.Disk, settings.AzuriteDebugLog);
        var configuration = new Dictionary<string, string>
        {
            ["Bench:StubAudio"] = "true",
            ["Bench:MeasureSizes"] = "true",
            ["Bench:DelayMs"] = settings.DelayMs.ToString(CultureInfo.InvariantCulture),
        };
        if (settings.Store == "local") configuration["Bench:LocalStoreFolder"] = work["store"];
        await using var cluster = await ProcessCluster.StartAsync(azurite.ConnectionString, configuration, _ => Task.CompletedTask, Roles);
        await cluster.Grains.GetGrain<IModelRegistryGrain>(ModelRegistry.DefaultKey).Register(StubCatalog.Model, makeCurrent: true);
        var phases = new List<Snapshot> { await SnapshotAsync(cluster, azurite) };

        var ingest = Stopwatch.StartNew();
        IngestTotals totals;
        using (var reader = new StreamReader(releases, new UTF8Encoding(false)))
        {
            totals = await cluster.Grains.IngestAsync(CatalogJsonLines.ReadAsync(reader, releases, CancellationToken.None));
        }
        ingest.Stop();
        await output.WriteLineAsync($"ingest: {totals.TracksRead} tracks, {totals.TouchedNames.Count} names in {ingest.Elapsed.TotalSeconds:0.0} s");
        phases.Add(await SnapshotAsync(cluster, azurite));

        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{cluster.Silos[0].HttpPort}") };
        var first = await SweepAsync(cluster, "scale-first", http, output);
        phases.Add(await SnapshotAsync(cluster, azurite));
        var again = await SweepAsync(cluster, "scale-unchanged", http, output);
        phases.Add(await SnapshotAsync(cluster, azurite));

        var peaks = cluster.Silos.Select(silo => (silo.Settings.Roles, Bytes: silo.PeakResidentBytes())).ToList();
        var sizes = new List<BenchSizesReport>();
        foreach (var silo in cluster.Silos) sizes.Add(await SizesAsync(silo));
        var state = sizes.MaxBy(s => s.LargestStateBytes)!;
        var message = sizes.MaxBy(s => s.LargestMessageBytes)!;
        // The HTTP endpoint's first answer in a fresh process includes JIT compilation of the route, the JSON views and
        // the grain proxies: reported apart, not as a latency while sweeping.
        var coldAnswer = first.Latencies.FirstOrDefault(double.NaN);
        var latencies = first.Latencies.Skip(1).Concat(again.Latencies).Order().ToList();

        await output.WriteLineAsync();
        await output.WriteLineAsync($"| figure ({settings.Names} names, store {settings.Store}, delay {settings.DelayMs} ms) | value | target |");
        await output.WriteLineAsync("|---|---|---|");
        await output.WriteLineAsync($"| full sweep | {first.Seconds:0.0} s, {first.Progress.NamesTotal / first.Seconds:0} names/s ({first.Progress.TracksEmbedded} tracks embedded, {first.Progress.NamesFailed} names failed) | names/s at 1M >= 0.8 x names/s at 10k |");
        await output.WriteLineAsync($"| unchanged re-sweep | {again.Seconds:0.0} s, {again.Progress.NamesTotal / again.Seconds:0} names/s ({again.Progress.TracksCached} tracks cached) | <= 10 min at 1M names |");
        foreach (var (roles, bytes) in peaks)
            await output.WriteLineAsync($"| peak RSS, silo {roles} | {bytes / 1048576.0:0} MiB | <= 2048 MiB |");
        await output.WriteLineAsync($"| largest grain state | {state.LargestStateBytes:N0} B ({state.LargestState}) | <= 1 MB |");
        await output.WriteLineAsync($"| largest message | {message.LargestMessageBytes:N0} B ({message.LargestMessage}) | <= 1 MB (mel excepted) |");
        await output.WriteLineAsync($"| GET /api/sweeps/{{id}} while sweeping | p50 {Percentile(latencies, 0.50):0} ms, p90 {Percentile(latencies, 0.90):0} ms, p99 {Percentile(latencies, 0.99):0} ms, max {latencies.LastOrDefault(double.NaN):0} ms, {latencies.Count(l => l > 200)} of {latencies.Count} polls over 200 ms (the process's first answer, JIT: {coldAnswer:0} ms, apart); largest answer {Math.Max(first.LargestAnswer, again.LargestAnswer):N0} B | p99 <= 200 ms |");
        await output.WriteLineAsync($"| ingest | {ingest.Elapsed.TotalSeconds:0.0} s, {totals.TracksRead / ingest.Elapsed.TotalSeconds:0} tracks/s | |");
        await WritePhasesAsync(output, settings.Names, phases);
        return 0;
    }

    private static readonly string[] PhaseNames = ["ingest", "full sweep", "unchanged re-sweep"];

    /// <summary>
    /// Two tables over the phases (ingest, full sweep, unchanged re-sweep): the storage operations per name of each kind
    /// (summed over the silos), and the CPU each process used (seconds, and cores busy over the phase's wall time).
    /// </summary>
    private static async Task WritePhasesAsync(TextWriter output, int names, IReadOnlyList<Snapshot> phases)
    {
        var deltas = Enumerable.Range(1, phases.Count - 1).Select(i => phases[i].Minus(phases[i - 1])).ToList();
        await output.WriteLineAsync();
        await output.WriteLineAsync($"| storage operations per name ({names} names) | {string.Join(" | ", PhaseNames)} |");
        await output.WriteLineAsync($"|---|{string.Concat(PhaseNames.Select(_ => "---|"))}");
        var kinds = deltas.SelectMany(d => d.Operations.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        foreach (var group in kinds.GroupBy(k => k.Split(' ')[0]))
        {
            foreach (var kind in group)
                await output.WriteLineAsync($"| {kind} | {string.Join(" | ", deltas.Select(d => PerName(d.Operations.GetValueOrDefault(kind), names)))} |");
            await output.WriteLineAsync($"| **{group.Key}, all** | {string.Join(" | ", deltas.Select(d => PerName(group.Sum(k => d.Operations.GetValueOrDefault(k)), names)))} |");
        }
        await output.WriteLineAsync();
        await output.WriteLineAsync($"| CPU s (cores busy) | {string.Join(" | ", PhaseNames.Select((p, i) => $"{p} ({deltas[i].Wall.TotalSeconds:0} s)"))} |");
        await output.WriteLineAsync($"|---|{string.Concat(PhaseNames.Select(_ => "---|"))}");
        foreach (var process in deltas[0].Cpu.Keys)
        {
            await output.WriteLineAsync($"| {process} | {string.Join(" | ", deltas.Select(d => $"{d.Cpu[process].TotalSeconds:0.0} ({d.Cpu[process] / d.Wall:0.00})"))} |");
        }
    }

    private static string PerName(long count, int names) => count == 0 ? "0" : (count / (double)names).ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>
    /// Where the cluster stands now: the operation counts summed over the silos (<c>GET /bench/sizes</c>) and the CPU time
    /// of Azurite, of each silo process and of this process (the cluster's client).
    /// </summary>
    private static async Task<Snapshot> SnapshotAsync(ProcessCluster cluster, AzuriteProcess azurite)
    {
        var operations = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var silo in cluster.Silos)
        {
            var report = await SizesAsync(silo);
            foreach (var (kind, count) in report.Operations) operations[kind] = operations.GetValueOrDefault(kind) + count;
        }
        var cpu = new Dictionary<string, TimeSpan>(StringComparer.Ordinal)
        {
            ["azurite"] = azurite.ProcessId is { } id ? ProcessCpu.Of(id) ?? TimeSpan.Zero : TimeSpan.Zero,
        };
        foreach (var silo in cluster.Silos) cpu[$"silo {silo.Settings.Roles}"] = silo.CpuTime() ?? TimeSpan.Zero;
        cpu["bench (client)"] = Process.GetCurrentProcess().TotalProcessorTime;
        return new Snapshot(Stopwatch.GetElapsedTime(0), operations, cpu);
    }

    /// <summary>
    /// <c>GET /bench/sizes</c> of <paramref name="silo"/>; asked again while its HTTP endpoint is not up yet (a silo is an
    /// active cluster member a moment before its web host listens).
    /// </summary>
    private static async Task<BenchSizesReport> SizesAsync(SiloProcess silo)
    {
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{silo.HttpPort}") };
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await client.GetFromJsonAsync<BenchSizesReport>(BenchSiloExtensions.SizesPath) ?? throw new InvalidOperationException("No sizes.");
            }
            catch (HttpRequestException) when (attempt < 120)
            {
                silo.EnsureRunning();
                await Task.Delay(500);
            }
        }
    }

    /// <summary>Counts and CPU times at one moment (<see cref="Wall"/>: since the machine started, for differences only).</summary>
    private sealed record Snapshot(TimeSpan Wall, Dictionary<string, long> Operations, Dictionary<string, TimeSpan> Cpu)
    {
        public Snapshot Minus(Snapshot before) => new(Wall - before.Wall,
            Operations.ToDictionary(pair => pair.Key, pair => pair.Value - before.Operations.GetValueOrDefault(pair.Key), StringComparer.Ordinal),
            Cpu.ToDictionary(pair => pair.Key, pair => pair.Value - before.Cpu.GetValueOrDefault(pair.Key), StringComparer.Ordinal));
    }

    /// <summary>A full sweep started as the nightly reminder starts it, followed to the end while the dashboard API is polled.</summary>
    private static async Task<SweepRun> SweepAsync(ProcessCluster cluster, string label, HttpClient http, TextWriter output)
    {
        var started = await cluster.Grains.GetGrain<ISweepSchedulerGrain>(SweepScheduler.DefaultKey).StartFullSweep();
        var sweep = cluster.Grains.GetGrain<ISweepGrain>(started.SweepId);
        using var stop = new CancellationTokenSource();
        var poller = PollDashboardAsync(http, started.SweepId, stop.Token);
        var progress = started;
        var clock = Stopwatch.StartNew();
        var lastPrint = TimeSpan.Zero;
        while (!progress.IsFinished)
        {
            foreach (var silo in cluster.Silos) silo.EnsureRunning();
            await Task.Delay(500);
            progress = await sweep.GetProgress();
            if (clock.Elapsed - lastPrint > TimeSpan.FromSeconds(10))
            {
                lastPrint = clock.Elapsed;
                await output.WriteLineAsync($"  {label}: {progress.NamesFinished}/{progress.NamesTotal} names after {clock.Elapsed.TotalSeconds:0} s");
            }
        }
        await stop.CancelAsync();
        var (latencies, largest) = await poller;
        var seconds = (progress.UpdatedAt - progress.StartedAt).TotalSeconds;
        await output.WriteLineAsync($"{label} ({started.SweepId}): {progress.NamesFinished} names in {seconds:0.0} s");
        return new SweepRun(progress, seconds, latencies, largest);
    }

    /// <summary>Polls <c>GET /api/sweeps/{id}</c> as the dashboard page does (every second), timing each answer read in full.</summary>
    private static async Task<(List<double> Latencies, long LargestAnswer)> PollDashboardAsync(HttpClient http, string sweepId, CancellationToken stop)
    {
        var latencies = new List<double>();
        long largest = 0;
        while (!stop.IsCancellationRequested)
        {
            var clock = Stopwatch.StartNew();
            var body = await http.GetByteArrayAsync($"/api/sweeps/{Uri.EscapeDataString(sweepId)}", CancellationToken.None);
            latencies.Add(clock.Elapsed.TotalMilliseconds);
            largest = Math.Max(largest, body.LongLength);
            try
            {
                await Task.Delay(1000, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        return (latencies, largest);
    }

    private static double Percentile(IReadOnlyList<double> sorted, double q) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];

    private sealed record SweepRun(SweepProgress Progress, double Seconds, List<double> Latencies, long LargestAnswer);
}
