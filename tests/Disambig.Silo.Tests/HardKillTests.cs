using Disambig.Catalog;
using Disambig.Grains;
using Disambig.Silo;
using Disambig.TestSupport;
using Disambig.TestSupport.Pipeline;
using Disambig.TestSupport.Processes;

namespace Disambig.Silo.Tests;

/// <summary>
/// A worker silo process killed with SIGKILL in the middle of a sweep (a process lost, not a pod stopped), then
/// restarted on its endpoint as Kubernetes restarts a killed container: the sweep must still complete, count every
/// name once, and give the results of an undisturbed run. Features
/// and embeddings come from the bench stubs (deterministic, a few milliseconds a track), so a sweep of a few hundred
/// tracks lasts long enough to be interrupted and the test stays short.
/// </summary>
public sealed class HardKillTests
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
    };

    [Fact]
    public async Task Sweep_WhenAWorkerSiloProcessIsKilledMidway_CompletesWithEveryNameOnceAndTheUndisturbedResults()
    {
        var tracks = StubCatalog.Generate(Names).ToList();
        Assert.InRange(tracks.Count, 200, 1000);

        IReadOnlyDictionary<string, NameResult> undisturbed;
        await using (var calm = await StartAsync(tracks, StubAudio))
        {
            await calm.SweepAsync("undisturbed");
            undisturbed = await calm.ResultsAsync();
        }

        await using var cluster = await StartAsync(tracks, SlowStubAudio);
        var worker = cluster.Silos.Single(silo => silo.Settings.Roles == Worker);
        SweepProgress? atKill = null;
        var report = await cluster.SweepAsync("killed", async progress =>
        {
            if (atKill is null && progress.NamesFinished >= Names / 4)
            {
                atKill = progress;
                await cluster.KillAsync(worker);
                await cluster.RestartAsync(worker);
            }
        });

        Assert.NotNull(atKill);
        Assert.True(atKill.NamesFinished < Names, $"The kill came after the sweep had finished: {atKill}");
        Assert.True(worker.HasExited);
        var expectedNames = tracks.Select(t => ArtistNameKey.From(t.ArtistName)).Distinct().Order(StringComparer.Ordinal).ToList();
        var outcomes = new List<NameOutcome>();
        await foreach (var outcome in cluster.Grains.ReadOutcomesAsync("killed")) outcomes.Add(outcome);
        // Every name once in the sweep's result chunks: none lost, none counted twice.
        Assert.Equal(expectedNames, outcomes.Select(n => n.NameKey).Order(StringComparer.Ordinal));
        Assert.Equal(Names, report.Progress.NamesTotal);
        Assert.Equal(Names, report.Progress.NamesDone + report.Progress.NamesFailed);
        Assert.Contains(undisturbed.Values, result => result.Decision == NameDecision.Split);
        ResultAssert.SameDisambiguation(undisturbed, await cluster.ResultsAsync());
    }

    private static async Task<ProcessCluster> StartAsync(IReadOnlyList<CatalogTrack> tracks, IReadOnlyDictionary<string, string> configuration)
    {
        var cluster = await ProcessCluster.StartAsync(AzuriteContainer.ConnectionString(), configuration, _ => Task.CompletedTask, Roles);
        try
        {
            await cluster.Grains.IngestAsync(tracks);
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
