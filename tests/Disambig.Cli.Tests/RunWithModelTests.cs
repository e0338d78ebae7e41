using Disambig.Cli.Pipeline;
using Disambig.Embedding.Checkpoints;
using Disambig.Storage;
using Disambig.TestSupport;
using Disambig.TestSupport.Pipeline;

namespace Disambig.Cli.Tests;

/// <summary>
/// <c>disambig run --catalog C --model M</c>: a catalog swept with a model trained elsewhere (as the real-music
/// development set is), instead of the small model trained on synthetic audio.
/// </summary>
public sealed class RunWithModelTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Run_WithACheckpointFolder_SweepsWithThatModelAndTrainsNothing()
    {
        using var catalog = await DemoCatalog.GenerateAsync();
        var checkpoints = new LocalFolderBlobStore(_folder["checkpoints"]);
        await TinyModel.WriteCheckpointAsync(checkpoints);
        await new ModelCheckpointStore(checkpoints).SetClusteringThresholdAsync(TinyModel.Version, 0.5, CancellationToken.None);
        var work = _folder["work"];
        using var output = new StringWriter();

        var exit = await RunCommand.RunAsync(
            new RunCommand.Settings(work, catalog.Folder, TrainingSteps: 300, Seed: 1, Model: Path.Combine(_folder["checkpoints"], TinyModel.Version)),
            output, CancellationToken.None);

        Assert.True(exit == 0, output.ToString());
        Assert.Contains(TinyModel.Version, output.ToString());
        Assert.Contains("calibrated threshold 0.5", output.ToString());
        Assert.DoesNotContain("Training the model", output.ToString());
        // Nothing synthetic was generated for training, and the copy the silo swept with sits in the work folder.
        Assert.False(Directory.Exists(Path.Combine(work, "datasets", "demo-training")));
        Assert.True(File.Exists(Path.Combine(work, "models", TinyModel.Version, ModelCheckpointStore.MetadataName)));
        Assert.Contains("Report: ", output.ToString());
    }

    [Fact]
    public async Task Run_WithAFolderThatHoldsNoCheckpoint_FailsNamingItBeforeStartingAnything()
    {
        var work = _folder["work"];
        var missing = _folder["no-model"];

        var failure = await Assert.ThrowsAsync<CliUsageException>(() => RunCommand.RunAsync(
            new RunCommand.Settings(work, Catalog: null, TrainingSteps: 1, Seed: 1, Model: missing), TextWriter.Null, CancellationToken.None));

        Assert.Contains(missing, failure.Message);
        Assert.False(Directory.Exists(Path.Combine(work, "demo-catalog")));
    }
}
