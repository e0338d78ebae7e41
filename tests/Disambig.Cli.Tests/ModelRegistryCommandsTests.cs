using Disambig.Cli.Commands;
using Disambig.Embedding.Checkpoints;
using Disambig.Silo;
using Disambig.Storage;
using Disambig.TestSupport;
using Disambig.TestSupport.Pipeline;

namespace Disambig.Cli.Tests;

/// <summary><c>disambig model register</c>'s checks of a checkpoint folder, which run before anything is copied or registered.</summary>
public sealed class ModelRegistryCommandsTests : IAsyncLifetime
{
    private readonly TemporaryFolder _folder = new();

    private string Checkpoint => _folder[TinyModel.Version];

    private static ModelRequirements ThreeSecondCluster => ModelRegistryCommands.Requirements(new ClusterSiloSettings { SegmentSeconds = 3 });

    public Task InitializeAsync() => TinyModel.WriteCheckpointAsync(new LocalFolderBlobStore(_folder.Path));

    public Task DisposeAsync()
    {
        _folder.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Check_OfASoundCheckpointWithAThreshold_ReturnsItsVersionAndTheThreshold()
    {
        var (metadata, threshold) = await ModelRegistryCommands.CheckAsync(new(Checkpoint, 0.7, MakeCurrent: false), ThreeSecondCluster, CancellationToken.None);

        Assert.Equal(TinyModel.Version, metadata.Version);
        Assert.Equal(32, metadata.Network.Dim);
        Assert.Equal(0.7, threshold);
    }

    [Fact]
    public async Task Check_OfCorruptWeights_IsRefusedAsCorrupt()
    {
        var weights = Path.Combine(Checkpoint, ModelCheckpointStore.WeightsName);
        var bytes = await File.ReadAllBytesAsync(weights);
        bytes[bytes.Length / 2] ^= 0xFF;
        await File.WriteAllBytesAsync(weights, bytes);

        var error = await Assert.ThrowsAsync<CheckpointException>(() => ModelRegistryCommands.CheckAsync(new(Checkpoint, 0.7, false), ThreeSecondCluster, CancellationToken.None));

        Assert.Equal(CheckpointFailure.Corrupt, error.Reason);
    }

    [Fact]
    public async Task Check_OfAThreeSecondModelForANineSecondCluster_IsRefusedAsAMismatchNamingTheFrames()
    {
        var nineSeconds = ModelRegistryCommands.Requirements(new ClusterSiloSettings { SegmentSeconds = 9 });

        var error = await Assert.ThrowsAsync<CheckpointException>(() => ModelRegistryCommands.CheckAsync(new(Checkpoint, 0.7, false), nineSeconds, CancellationToken.None));

        Assert.Equal(CheckpointFailure.Mismatch, error.Reason);
        Assert.Contains("segments have 130 frames, 388 required", error.Message);
    }

    [Fact]
    public async Task Check_WithoutAnyThreshold_AsksForOne()
    {
        var error = await Assert.ThrowsAsync<CliUsageException>(() => ModelRegistryCommands.CheckAsync(new(Checkpoint, null, false), ThreeSecondCluster, CancellationToken.None));

        Assert.Contains("pass --threshold", error.Message);
    }

    [Fact]
    public async Task Register_OfACheckpointThatDoesNotFitTheCluster_PrintsTheReasonInOneLineAndFailsBeforeReachingTheCluster()
    {
        // The cluster's silos use 9 s segments (no Disambig__SegmentSeconds in the environment); the tiny model has 3 s ones.
        var output = new StringWriter();
        var unreachable = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5a2V5a2V5;BlobEndpoint=http://127.0.0.1:9/devstoreaccount1;TableEndpoint=http://127.0.0.1:9/devstoreaccount1;";

        var exitCode = await ModelRegistryCommands.RegisterAsync(new(Checkpoint, 0.7, true), unreachable, output, CancellationToken.None);

        Assert.Equal(1, exitCode);
        var line = Assert.Single(output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"error: Checkpoint '{TinyModel.Version}'", line);
        Assert.Contains("(Mismatch): segments have 130 frames, 388 required", line);
    }
}
