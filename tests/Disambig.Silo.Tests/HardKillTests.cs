using Disambig.Catalog;
using Disambig.Grains;
using Disambig.Silo;
using Disambig.TestSupport;
using Disambig.TestSupport.Pipeline;
using Disambig.TestSupport.Processes;

namespace Disambig.Silo.Tests;

/// <summary>
/// A worker silo process killed with SIGKILL in the middle of a sweep (a process lost, not a pod stopped): restarted on
/// its endpoint as Kubernetes restarts a killed container, or never coming back (its node lost for good). Either way the
/// sweep must complete on the silos that remain, count every name once, and give the results of an undisturbed run
/// (<see cref="UndisturbedRun"/>, run once for both). Features and embeddings come from the bench stubs
/// (deterministic, a few milliseconds a track), so a sweep of a few hundred tracks lasts long enough to be interrupted
/// and the tests stay short.
/// </summary>
public sealed class HardKillTests(HardKillTests.UndisturbedRun undisturbed) : IClassFixture<HardKillTests.UndisturbedRun>
{
    private const int Names = 60;
    private const string Worker = "worker";
    private static readonly string[] Roles = ["worker,trainer", Worker, "inference"];

    /// <summary>Stub audio, as fast as it goes: the undisturbed reference run.</summary>
    private static readonly Dictionary<string, string> StubAudio = new() { ["Bench:StubAudio"] = "true" };

    /// <summary>
    /// The run that is killed: each track's "decode" takes 150 ms and four names are in flight at once, so the sweep lasts
    /// several seconds; each finished name is committed to the sweep's counters at once (not in chunks every 2 s), so the
    /// progress the test polls moves name by name and the kill comes while most names are still to do.
    /// </summary>
    private static readonly Dictionary<string, string> SlowStubAudio = new(StubAudio)
    {
        ["Bench:DelayMs"] = "150",
        ["Pipeline:NameWindow"] = "4",
        ["Pipeline:SweepFlushOutcomes"] = "1",
        ["Pipeline:ProgressWriteInterval"] = "00:00:00.200",
        ["Pipeline:SweepFlushInterval"] = "00:00:00.200",
    };

    /// <summary>
    /// The run whose killed worker never comes back: the same, with failure detection shortened from Orleans' defaults
    /// (5 s probes, 3 missed) through <c>Disambig:Membership</c>, as an operator may set it, so the survivors declare
    /// it dead in seconds and the test stays short.
    /// </summary>
    private static readonly Dictionary<string, string> SlowStubAudioQuickDetection = new(SlowStubAudio)
    {
        ["Membership:ProbeTimeout"] = "00:00:02",
        ["Membership:NumMissedProbesLimit"] = "3",
    };

    private static readonly IReadOnlyList<CatalogTrack> Tracks = [.. StubCatalog.Generate(Names)];

    [Fact]
    public async Task Sweep_WhenAWorkerSiloProcessIsKilledMidway_CompletesWithEveryNameOnceAndTheUndisturbedResults()
    {
        await using var cluster = await StartAsync(SlowStubAudio);
        await SweepKillingTheWorkerAsync(cluster, async worker => await cluster.RestartAsync(worker));
    }

    [Fact]
    public async Task Sweep_WhenAKilledWorkerSiloNeverComesBack_CompletesOnTheRemainingSilosWithEveryNameOnceAndTheUndisturbedResults()
    {
        await using var cluster = await StartAsync(SlowStubAudioQuickDetection);
        var worker = await SweepKillingTheWorkerAsync(cluster, _ => Task.CompletedTask);

        // Nothing took its place: the survivors' probes declared it dead, and its names ran on the worker,trainer silo.
        await cluster.WaitUntilDeclaredDeadAsync(worker);
        Assert.DoesNotContain(cluster.Silos, silo => silo.Settings.SiloPort == worker.Settings.SiloPort);
    }

    /// <summary>
    /// Sweeps the catalog, kills the worker-only silo once a quarter of the names are done and runs
    /// <paramref name="afterKill"/>, then checks the completed sweep: every name once in its result chunks and its
    /// counters, and the results of the undisturbed run. Returns the killed silo.
    /// </summary>
    private async Task<SiloProcess> SweepKillingTheWorkerAsync(ProcessCluster cluster, Func<SiloProcess, Task> afterKill)
    {
        var worker = cluster.Silos.Single(silo => silo.Settings.Roles == Worker);
        SweepProgress? atKill = null;
        var report = await cluster.SweepAsync("killed", async progress =>
        {
            if (atKill is null && progress.NamesFinished >= Names / 4)
            {
                atKill = progress;
                await cluster.KillAsync(worker);
                await afterKill(worker);
            }
        });

        Assert.NotNull(atKill);
        Assert.True(atKill.NamesFinished < Names, $"The kill came after the sweep had finished: {atKill}");
        Assert.True(worker.HasExited);
        var expectedNames = Tracks.Select(t => ArtistNameKey.From(t.ArtistName)).Distinct().Order(StringComparer.Ordinal).ToList();
        var outcomes = new List<NameOutcome>();
        await foreach (var outcome in cluster.Grains.ReadOutcomesAsync("killed")) outcomes.Add(outcome);
        // Every name once in the sweep's result chunks: none lost, none counted twice.
        Assert.Equal(expectedNames, outcomes.Select(n => n.NameKey).Order(StringComparer.Ordinal));
        Assert.Equal(Names, report.Progress.NamesTotal);
        Assert.Equal(Names, report.Progress.NamesDone + report.Progress.NamesFailed);
        Assert.Contains(undisturbed.Results.Values, result => result.Decision == NameDecision.Split);
        ResultAssert.SameDisambiguation(undisturbed.Results, await cluster.ResultsAsync());
        return worker;
    }

    /// <summary>The same catalog swept on the same three silo processes, nobody killed: the reference results.</summary>
    public sealed class UndisturbedRun : IAsyncLifetime
    {
        public IReadOnlyDictionary<string, NameResult> Results { get; private set; } = new Dictionary<string, NameResult>();

        public async Task InitializeAsync()
        {
            Assert.InRange(Tracks.Count, 200, 1000);
            await using var calm = await StartAsync(StubAudio);
            await calm.SweepAsync("undisturbed");
            Results = await calm.ResultsAsync();
        }

        public Task DisposeAsync() => Task.CompletedTask;
    }

    private static async Task<ProcessCluster> StartAsync(IReadOnlyDictionary<string, string> configuration)
    {
        var cluster = await ProcessCluster.StartAsync(AzuriteContainer.ConnectionString(), configuration, _ => Task.CompletedTask, Roles);
        try
        {
            await cluster.Grains.IngestAsync(Tracks);
            await cluster.Grains.GetGrain<IModelRegistryGrain>(ModelRegistry.DefaultKey).Register(StubCatalog.Model, makeCurrent: true);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }
}
