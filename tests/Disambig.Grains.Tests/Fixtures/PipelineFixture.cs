using Disambig.TestSupport;

namespace Disambig.Grains.Tests.Fixtures;

/// <summary>
/// Shared by the pipeline tests: the demo catalog, the tiny model, and a baseline: one undisturbed sweep on a
/// three-silo cluster (a worker and trainer, an inference silo, a worker), kept running for the tests that go on from it.
/// </summary>
public sealed class PipelineFixture : IAsyncLifetime
{
    /// <summary>Roles of the three silos of every pipeline test cluster.</summary>
    public static readonly string[] ThreeSilos = ["worker,trainer", "inference", "worker"];

    public const string InferenceSilo = "Secondary_1";
    public const string WorkerSilo = "Secondary_2";

    private readonly TemporaryFolder _models = new();

    public DemoCatalog Catalog { get; private set; } = null!;

    public string ModelsFolder => _models.Path;

    public ModelVersionInfo Model { get; private set; } = null!;

    public PipelineCluster Baseline { get; private set; } = null!;

    public SweepReport BaselineReport { get; private set; } = null!;

    public IReadOnlyDictionary<string, NameResult> BaselineResults { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Catalog = await DemoCatalog.GenerateAsync();
        Model = await TinyModel.CreateAsync(ModelsFolder, Catalog);
        Baseline = await PipelineCluster.StartAsync(this, ThreeSilos);
        BaselineReport = await Baseline.SweepAsync("baseline");
        BaselineResults = await Baseline.ResultsAsync();
    }

    public async Task DisposeAsync()
    {
        await Baseline.DisposeAsync();
        Catalog.Dispose();
        _models.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class PipelineCollection : ICollectionFixture<PipelineFixture>
{
    public const string Name = "pipeline";
}
