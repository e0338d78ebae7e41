using Disambig.Cli.Pipeline;
using Disambig.Clustering.Calibration;
using Disambig.Embedding.Checkpoints;
using Disambig.Storage;
using Disambig.TestSupport;
using Disambig.TestSupport.Pipeline;

namespace Disambig.Cli.Tests;

/// <summary><c>disambig model register</c>'s checks of a checkpoint folder, which run before anything is copied or registered.</summary>
public sealed class ModelRegistryCommandsTests : IAsyncLifetime
{
    private readonly TemporaryFolder _folder = new();

    private string Checkpoint => _folder[TinyModel.Version];

    public Task InitializeAsync() => TinyModel.WriteCheckpointAsync(new LocalFolderBlobStore(_folder.Path));

    public Task DisposeAsync()
    {
        _folder.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Check_OfASoundCheckpointWithAThreshold_ReturnsItsVersionAndTheThreshold()
    {
        var (metadata, threshold) = await ModelRegistryCommands.CheckAsync(new(Checkpoint, 0.7, MakeCurrent: false), CancellationToken.None);

        Assert.Equal(TinyModel.Version, metadata.Version);
        Assert.Equal(32, metadata.Network.Dim);
        Assert.Equal(0.7, threshold);
    }

    [Fact]
    public async Task Registration_OfACheckpointWithASplitCalibration_CarriesItOnlyAtTheThresholdItWasFittedAt()
    {
        await new ModelCheckpointStore(new LocalFolderBlobStore(_folder.Path))
            .SetClusteringThresholdAsync(TinyModel.Version, 0.6, (new SplitProbability(-3, 1), 0.4), CancellationToken.None);

        var (metadata, threshold) = await ModelRegistryCommands.CheckAsync(new(Checkpoint, null, MakeCurrent: false), CancellationToken.None);
        var (_, overridden) = await ModelRegistryCommands.CheckAsync(new(Checkpoint, 0.7, MakeCurrent: false), CancellationToken.None);

        Assert.Equal(new Disambig.Grains.SplitProbabilityRef(-3, 1, 0.4), ModelRegistryCommands.SplitProbabilityOf(metadata, threshold));
        Assert.Null(ModelRegistryCommands.SplitProbabilityOf(metadata, overridden));
    }

    [Fact]
    public async Task Registration_OfAnOlderCheckpointWithoutSplitCalibration_CarriesNone()
    {
        var (metadata, threshold) = await ModelRegistryCommands.CheckAsync(new(Checkpoint, 0.7, MakeCurrent: false), CancellationToken.None);

        Assert.Null(metadata.SplitProbability);
        Assert.Null(ModelRegistryCommands.SplitProbabilityOf(metadata, threshold));
    }

    [Fact]
    public async Task Registration_OfACheckpointWithAnAliasCalibration_CarriesItToTheRegistry()
    {
        var store = new ModelCheckpointStore(new LocalFolderBlobStore(_folder.Path));
        var (before, _) = await ModelRegistryCommands.CheckAsync(new(Checkpoint, 0.7, MakeCurrent: false), CancellationToken.None);
        await store.SetAliasCalibrationAsync(TinyModel.Version, new CalibratedAliasModel(0.02, new PlattScaling(-2, -7), 0.5, LogDistance: true), CancellationToken.None);

        var (metadata, _) = await ModelRegistryCommands.CheckAsync(new(Checkpoint, 0.7, MakeCurrent: false), CancellationToken.None);

        // Without one, the alias job falls back to its configured decision; with one, the model's own threshold and map.
        Assert.Null(ModelRegistryCommands.AliasesOf(before));
        Assert.Equal(new Disambig.Grains.AliasModelRef(0.02, -2, -7, 0.5) { LogDistance = true }, ModelRegistryCommands.AliasesOf(metadata));
    }

    [Fact]
    public async Task Check_OfCorruptWeights_IsRefusedAsCorrupt()
    {
        var weights = Path.Combine(Checkpoint, ModelCheckpointStore.WeightsName);
        var bytes = await File.ReadAllBytesAsync(weights);
        bytes[bytes.Length / 2] ^= 0xFF;
        await File.WriteAllBytesAsync(weights, bytes);

        var error = await Assert.ThrowsAsync<CheckpointException>(() => ModelRegistryCommands.CheckAsync(new(Checkpoint, 0.7, false), CancellationToken.None));

        Assert.Equal(CheckpointFailure.Corrupt, error.Reason);
    }

    [Fact]
    public async Task Check_OfANetworkWhoseFramesDoNotMatchItsRecordedSegments_IsRefusedAsAMismatchNamingBoth()
    {
        await RecordNineSecondSegmentsAsync();

        var error = await Assert.ThrowsAsync<CheckpointException>(() => ModelRegistryCommands.CheckAsync(new(Checkpoint, 0.7, false), CancellationToken.None));

        Assert.Equal(CheckpointFailure.Mismatch, error.Reason);
        Assert.Contains("the network takes 130 frames per segment but meta.json records 9 s segments", error.Message);
    }

    [Fact]
    public async Task Check_WithoutAnyThreshold_AsksForOne()
    {
        var error = await Assert.ThrowsAsync<CliUsageException>(() => ModelRegistryCommands.CheckAsync(new(Checkpoint, null, false), CancellationToken.None));

        Assert.Contains("pass --threshold", error.Message);
    }

    [Fact]
    public async Task Register_OfAnInconsistentCheckpoint_PrintsTheReasonInOneLineAndFailsBeforeReachingTheCluster()
    {
        await RecordNineSecondSegmentsAsync();
        var output = new StringWriter();
        var unreachable = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5a2V5a2V5;BlobEndpoint=http://127.0.0.1:9/devstoreaccount1;TableEndpoint=http://127.0.0.1:9/devstoreaccount1;";

        var exitCode = await ModelRegistryCommands.RegisterAsync(new(Checkpoint, 0.7, true), unreachable, output, CancellationToken.None);

        Assert.Equal(1, exitCode);
        var line = Assert.Single(output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"error: Checkpoint '{TinyModel.Version}'", line);
        Assert.Contains("(Mismatch): the network takes 130 frames per segment but meta.json records 9 s segments", line);
    }

    /// <summary>Makes the tiny 3 s model's meta.json claim 9 s segments, as a hand-edited or mixed-up checkpoint would.</summary>
    private async Task RecordNineSecondSegmentsAsync()
    {
        var meta = Path.Combine(Checkpoint, ModelCheckpointStore.MetadataName);
        var text = await File.ReadAllTextAsync(meta);
        var edited = System.Text.RegularExpressions.Regex.Replace(text, "(\"segmentSeconds\"\\s*:\\s*)3\\b", "${1}9");
        Assert.NotEqual(text, edited);
        await File.WriteAllTextAsync(meta, edited);
    }
}
