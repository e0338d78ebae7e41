using System.Text.RegularExpressions;
using Disambig.Catalog.Demo;
using Disambig.Cli.Pipeline;
using Disambig.Grains;
using Disambig.Silo;
using Disambig.TestSupport;
using Disambig.TestSupport.Pipeline;

namespace Disambig.Cli.Tests;

/// <summary>
/// A work folder for the pipeline commands on the embedded silo: the tiny model registered, then the whole demo
/// catalog ingested with <c>disambig ingest</c> (which sweeps every name it touches).
/// </summary>
public sealed class PipelineCommandsFixture : IAsyncLifetime
{
    private readonly TemporaryFolder _work = new();

    public DemoCatalog Catalog { get; private set; } = null!;

    internal PipelineTarget Target => new(_work.Path, Catalog.Folder, ClusterConnection: null);

    /// <summary>What the first ingestion printed, and its exit code.</summary>
    public (int ExitCode, string Output) FirstIngest { get; private set; }

    public async Task InitializeAsync()
    {
        Catalog = await DemoCatalog.GenerateAsync();
        var model = await TinyModel.CreateAsync(new WorkFolder(_work.Path).Models, Catalog);
        await using (var pipeline = await Target.OpenAsync(CancellationToken.None))
        {
            await pipeline.Grains.GetGrain<IModelRegistryGrain>(ModelRegistry.DefaultKey).Register(model, makeCurrent: true);
        }
        FirstIngest = await RunAsync(output => IngestCommand.RunAsync(Path.Combine(Catalog.Folder, DemoCatalogGenerator.CatalogFileName), Target, output, CancellationToken.None));
    }

    /// <summary>Runs a command and returns its exit code and output, every run of white space made one space (the console wraps lines).</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(Func<TextWriter, Task<int>> command)
    {
        var output = new StringWriter();
        var exitCode = await command(output);
        return (exitCode, Regex.Replace(output.ToString(), @"\s+", " "));
    }

    /// <summary>Opens the embedded silo over the work folder, for checks the commands do not print.</summary>
    public Task<PipelineConnection> OpenAsync() => Target.OpenAsync(CancellationToken.None);

    public Task DisposeAsync()
    {
        Catalog.Dispose();
        _work.Dispose();
        return Task.CompletedTask;
    }
}
