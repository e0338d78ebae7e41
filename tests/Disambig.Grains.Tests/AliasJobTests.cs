using Disambig.Aliases;
using Disambig.Clustering.Calibration;
using Disambig.Grains.Aliases;
using Disambig.Grains.Services;
using Disambig.Grains.Tests.Fixtures;
using Disambig.Silo;
using Disambig.TestSupport;
using Microsoft.Extensions.Configuration;
using Orleans.TestingHost;

using static Disambig.TestSupport.Pipeline.PlantedNames;

namespace Disambig.Grains.Tests;

/// <summary>
/// The alias job on a TestingHost cluster (a worker silo and an inference silo), over name results planted in the
/// results store: it proposes the planted alias, never the planted different artist, flags a one-track entity, pages its
/// answer, queries again only what an incremental sweep changed, and answers an empty catalog with nothing.
/// </summary>
public sealed class AliasJobTests
{
    private sealed class AliasCluster : IAsyncDisposable
    {
        private readonly TemporaryFolder _work = new();
        private readonly TemporaryFolder _catalog = new();
        private readonly TemporaryFolder _models = new();

        public TestCluster Cluster { get; private set; } = null!;

        public ResultStore Results { get; private set; } = null!;

        public static async Task<AliasCluster> StartAsync()
        {
            var cluster = new AliasCluster();
            var settings = new Dictionary<string, string?>
            {
                [PipelineSiloConfigurator.CatalogKey] = cluster._catalog.Path,
                [PipelineSiloConfigurator.ModelsKey] = cluster._models.Path,
                [PipelineSiloConfigurator.WorkKey] = cluster._work.Path,
                [PipelineSiloConfigurator.RolesKey(PipelineCluster.SiloName(0))] = "inference,trainer",
                [PipelineSiloConfigurator.RolesKey(PipelineCluster.SiloName(1))] = "worker",
            };
            var builder = new TestClusterBuilder(2);
            builder.ConfigureHostConfiguration(configuration => configuration.AddInMemoryCollection(settings));
            builder.AddSiloBuilderConfigurator<PipelineSiloConfigurator>();
            cluster.Cluster = builder.Build();
            await cluster.Cluster.DeployAsync();
            cluster.Results = new ResultStore(new WorkFolder(cluster._work.Path).Stores(cluster._catalog.Path));
            return cluster;
        }

        public IAliasJobGrain Job => Cluster.Client.GetGrain<IAliasJobGrain>(AliasJobs.DefaultKey);

        public Task PlantAsync(string name, params (int Entity, float[] Centroid, (string Track, string Album, int Year)[] Tracks)[] entities) =>
            PlantedNames.PlantAsync(Cluster.Client, Results, name, [.. entities.Select(e => new PlantedNames.Entity(e.Entity, e.Centroid, e.Tracks))]);

        public Task<AliasJobStatus> RefreshAsync(string trigger, IReadOnlyList<string>? names) =>
            PlantedNames.RefreshAliasesAsync(Cluster.Client, trigger, names);

        public async ValueTask DisposeAsync()
        {
            await Cluster.StopAllSilosAsync();
            await Cluster.DisposeAsync();
            _work.Dispose();
            _catalog.Dispose();
            _models.Dispose();
        }
    }

    [Fact]
    public async Task AliasJob_PlantedAliasAndDifferentArtist_ProposesOnlyTheAliasWithEvidenceAndFlagsTheOneTrackEntity()
    {
        await using var cluster = await AliasCluster.StartAsync();
        await cluster.PlantAsync("Alpha", (1, Unit(1, 0, 0, 0), SameAlbum("a", "First Light", 2001, 4)));
        await cluster.PlantAsync("Alpha Project", (1, Unit(1, 0.04f, 0, 0), SameAlbum("p", "Second Wind", 2009, 3)));
        await cluster.PlantAsync("Beta", (1, Unit(0, 1, 0, 0), SameAlbum("b", "Other", 2003, 5)), (2, Unit(0, 0, 1, 0), SameAlbum("c", "Third", 2004, 3)));
        await cluster.PlantAsync("Lone", (1, Unit(1, 0, 0.06f, 0), SameAlbum("l", "Single", 2012, 1)));

        var status = await cluster.RefreshAsync("full-1", null);

        Assert.Equal(AliasJobState.Idle, status.State);
        Assert.Null(status.Error);
        Assert.Equal(5, status.Entities);
        var all = (await cluster.Job.List(null, AliasJobs.MaxPageSize)).Items;
        var alias = Assert.Single(all, s => new[] { s.Left.NameKey, s.Right.NameKey }.Order().SequenceEqual(["alpha", "alpha project"]));
        var (alpha, project) = (alias.OtherThan("alpha project"), alias.OtherThan("alpha"));
        Assert.Equal(("alpha#1", "alpha project#1"), (alpha.EntityId, project.EntityId));
        Assert.Equal(["First Light"], alpha.Albums);
        Assert.Equal([2009], project.Years);
        Assert.Equal((4, 3), (alpha.TrackCount, project.TrackCount));
        Assert.Equal("Alpha Project", project.DisplayName);
        Assert.False(alias.NamesShareAnAlbum);
        Assert.False(alias.LowEvidence);
        Assert.True(alias.Probability > 0.5, $"probability {alias.Probability}");
        Assert.DoesNotContain(all, s => s.Left.NameKey == "beta" || s.Right.NameKey == "beta");

        // The one-track entity near Alpha is proposed, flagged, and never above the low-evidence cap (0.5 by default).
        var lone = all.Where(s => s.Left.NameKey == "lone" || s.Right.NameKey == "lone").ToList();
        Assert.NotEmpty(lone);
        Assert.All(lone, s => Assert.True(s.LowEvidence && s.Probability <= 0.5, $"{s.Left.EntityId}~{s.Right.EntityId}: {s.Probability}"));
        Assert.True(all.Select(s => s.Probability).SequenceEqual(all.Select(s => s.Probability).OrderDescending()));

        // Paged one at a time: every suggestion once, in order, then no cursor.
        var paged = new List<AliasCandidate>();
        string? cursor = null;
        do
        {
            var page = await cluster.Job.List(cursor, 1);
            paged.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        Assert.Equal(all.Select(s => (s.Left.EntityId, s.Right.EntityId)), paged.Select(s => (s.Left.EntityId, s.Right.EntityId)));
        Assert.Contains(await cluster.Job.ForName("alpha project"), s => s.OtherThan("alpha project").EntityId == "alpha#1");

        // An incremental sweep of Beta moves its first entity next to Alpha: only Beta's two entities are searched again.
        await cluster.PlantAsync("Beta", (1, Unit(1, 0, 0, 0.03f), SameAlbum("b", "Other", 2003, 5)), (2, Unit(0, 0, 1, 0), SameAlbum("c", "Third", 2004, 3)));
        var incremental = await cluster.RefreshAsync("names-1", ["beta"]);
        Assert.Equal(1, incremental.Queried);
        Assert.Contains((await cluster.Job.ForName("beta")), s => s.OtherThan("beta").EntityId == "alpha#1");
        await Assert.ThrowsAsync<ArgumentException>(() => cluster.Job.List(AliasCursor.Of(status.RunId!, 1), 1));
    }

    [Fact]
    public async Task AliasJob_CurrentModelCalibratedOnTheLogScale_ProposesUnderItsThresholdWithItsLogScaleProbability()
    {
        await using var cluster = await AliasCluster.StartAsync();
        // 1/2 at distance 0.01 on the log scale; the configured fallback (threshold 0.05) would also propose Gamma.
        var calibrated = new AliasModelRef(0.01, 2, 2 * -Math.Log(0.01), 0.5) { LogDistance = true };
        await cluster.Cluster.Client.GetGrain<IModelRegistryGrain>(ModelRegistry.DefaultKey)
            .Register(new ModelVersionInfo("log-scale", 1, 4, DateTimeOffset.UnixEpoch, "test", 3) { Aliases = calibrated }, makeCurrent: true);
        await cluster.PlantAsync("Alpha", (1, Unit(1, 0, 0, 0), SameAlbum("a", "First Light", 2001, 4)));
        await cluster.PlantAsync("Alpha Project", (1, Unit(1, 0.04f, 0, 0), SameAlbum("p", "Second Wind", 2009, 3)));
        await cluster.PlantAsync("Gamma", (1, Unit(0, 0.2f, 1, 0), SameAlbum("g", "Third", 2004, 3)), (2, Unit(1, 0.2f, 0, 0), SameAlbum("h", "Fourth", 2005, 3)));

        await cluster.RefreshAsync("full-log", null);

        var alias = Assert.Single((await cluster.Job.List(null, AliasJobs.MaxPageSize)).Items);
        Assert.Equal(("alpha#1", "alpha project#1"), (alias.OtherThan("alpha project").EntityId, alias.OtherThan("alpha").EntityId));
        var model = new AliasModel(calibrated.Threshold, new PlattScaling(calibrated.PlattA, calibrated.PlattB), calibrated.LowEvidenceCap, LogDistance: true);
        Assert.Equal(model.Probability(alias.Distance, lowEvidence: false), alias.Probability, 9);
        Assert.True(alias.Probability > 0.9, $"probability {alias.Probability}");
    }

    [Fact]
    public async Task AliasJob_EmptyCatalogThenOneName_AnswersEmptyNotAnError()
    {
        await using var cluster = await AliasCluster.StartAsync();

        var empty = await cluster.RefreshAsync("full-empty", null);
        Assert.Equal((AliasJobState.Idle, 0, 0), (empty.State, empty.Entities, empty.Suggestions));
        Assert.Empty((await cluster.Job.List(null, 10)).Items);

        await cluster.PlantAsync("Solo", (1, Unit(1, 0, 0), SameAlbum("s", "Only", 2020, 3)), (2, Unit(0.9f, 0.1f, 0), SameAlbum("t", "Only", 2021, 3)));
        var one = await cluster.RefreshAsync("full-one", null);
        Assert.Equal((AliasJobState.Idle, 2, 0), (one.State, one.Entities, one.Suggestions));
        var page = await cluster.Job.List(null, 10);
        Assert.Empty(page.Items);
        Assert.Null(page.NextCursor);

        // The job ran on the worker silo, never on the inference and trainer one.
        var statistics = await cluster.Cluster.Client.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        var job = Assert.Single(statistics, s => s.GrainId.Type.ToString() == "aliasjob");
        Assert.Equal(cluster.Cluster.Silos.Single(s => s.Name == PipelineCluster.SiloName(1)).SiloAddress, job.SiloAddress);
    }
}
