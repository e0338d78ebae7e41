using Disambig.Clustering.Calibration;
using Disambig.Embedding.Checkpoints;
using Disambig.Embedding.Networks;
using Disambig.Embedding.Training;
using Disambig.Storage;
using static TorchSharp.torch;

namespace Disambig.Embedding.Tests;

public sealed class CheckpointTests : IDisposable
{
    private readonly TestFolder _folder = new();
    private readonly LocalFolderBlobStore _store;
    private readonly ModelCheckpointStore _checkpoints;

    public CheckpointTests()
    {
        _store = new LocalFolderBlobStore(_folder.Path);
        _checkpoints = new ModelCheckpointStore(_store, "models/");
    }

    public void Dispose() => _folder.Dispose();

    private static readonly ModelProvenance Provenance = new(MelSettings.Paper, 3, "abc123");

    private async Task<CheckpointMetadata> SaveAsync(EmbeddingNetwork network, string version = "v1") =>
        await _checkpoints.SaveAsync(network, Provenance.Describe(version, network.Spec, new TrainingConfig(), "sha256:data",
            new Dictionary<string, double> { ["eer"] = 0.12 }, DateTimeOffset.UnixEpoch), CancellationToken.None);

    [Fact]
    public async Task ModelCheckpointStore_SaveThenLoad_GivesTheSameEmbeddingsAndMetadata()
    {
        using var network = ArtistNet.Paper(32, 130);
        var saved = await SaveAsync(network);
        using var scope = NewDisposeScope();
        manual_seed(5);
        var segments = rand(3, 130, 128);
        network.eval();
        var expected = network.Embed(segments);

        using var loaded = await _checkpoints.LoadAsync("v1", ModelRequirements.Paper with { Kind = NetworkKind.Metric, Dim = 32 }, CancellationToken.None);

        Assert.True(loaded.Network.Embed(segments).eq(expected).all().item<bool>());
        Assert.Equal(saved, loaded.Metadata with { Network = saved.Network, Metrics = saved.Metrics, Training = saved.Training });
        Assert.Equal(64, saved.WeightsSha256.Length);
        Assert.Equal(0.12, loaded.Metadata.Metrics["eer"]);
        Assert.Equal(new TrainingConfig(), loaded.Metadata.Training);
        Assert.Equal([16, 32, 64], loaded.Metadata.Network.Channels);
        Assert.Equal("abc123", loaded.Metadata.GitRevision);
        Assert.Null(loaded.Metadata.ClusteringThreshold);
        Assert.True(File.Exists(Path.Combine(_folder.Path, "models", "v1", "model.bin")));
        Assert.True(File.Exists(Path.Combine(_folder.Path, "models", "v1", "meta.json")));
    }

    [Fact]
    public async Task ModelCheckpointStore_SaveThenLoad_TablesHead_RebuildsTheChannelAverage()
    {
        using var network = new ArtistNet(NetworkSpec.PaperMetric(32, 130) with { Head = MetricHead.ChannelAverage });
        await SaveAsync(network, "h1");
        using var scope = NewDisposeScope();
        manual_seed(6);
        var segments = rand(2, 130, 128);
        network.eval();
        var expected = network.Embed(segments);

        using var loaded = await _checkpoints.LoadAsync("h1", ModelRequirements.Paper, CancellationToken.None);

        Assert.Equal(MetricHead.ChannelAverage, loaded.Metadata.Network.Head);
        Assert.True(loaded.Network.Embed(segments).eq(expected).all().item<bool>());
    }

    [Fact]
    public async Task ModelCheckpointStore_Load_MetadataWithoutHead_IsTheTextsTimeAverage()
    {
        using var network = ArtistNet.Paper(32, 130);
        await SaveAsync(network, "old");
        var meta = Path.Combine(_folder.Path, "models", "old", "meta.json");
        var json = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(meta))!;
        Assert.True(json["network"]!.AsObject().Remove("head"));
        await File.WriteAllTextAsync(meta, json.ToJsonString());

        using var loaded = await _checkpoints.LoadAsync("old", ModelRequirements.Paper, CancellationToken.None);

        Assert.Equal(MetricHead.TimeAverage, loaded.Metadata.Network.Head);
    }

    [Fact]
    public async Task ModelCheckpointStore_SaveThenLoad_Classifier_RebuildsFromTheRecordedSpec()
    {
        using var network = ArtistClassifier.Paper(130, artistCount: 12);
        await SaveAsync(network, "c1");

        using var loaded = await _checkpoints.LoadAsync("c1", ModelRequirements.Paper, CancellationToken.None);

        var classifier = Assert.IsType<ArtistClassifier>(loaded.Network);
        Assert.Equal(12, classifier.Spec.ArtistCount);
        Assert.Equal(network.parameters().Sum(p => p.numel()), classifier.parameters().Sum(p => p.numel()));
    }

    [Fact]
    public async Task ModelCheckpointStore_Load_NoSuchVersion_ThrowsMissing()
    {
        var error = await Assert.ThrowsAsync<CheckpointException>(() => _checkpoints.LoadAsync("nope", ModelRequirements.Paper, CancellationToken.None));

        Assert.Equal(CheckpointFailure.Missing, error.Reason);
        Assert.Contains("nope", error.Message);
    }

    [Fact]
    public async Task ModelCheckpointStore_Load_WeightsDeleted_ThrowsMissing()
    {
        using var network = ArtistNet.Paper(32, 130);
        await SaveAsync(network);
        File.Delete(WeightsPath("v1"));

        var error = await Assert.ThrowsAsync<CheckpointException>(() => _checkpoints.LoadAsync("v1", ModelRequirements.Paper, CancellationToken.None));

        Assert.Equal(CheckpointFailure.Missing, error.Reason);
    }

    [Fact]
    public async Task ModelCheckpointStore_Load_TruncatedWeights_ThrowsTruncated()
    {
        using var network = ArtistNet.Paper(32, 130);
        await SaveAsync(network);
        var bytes = await File.ReadAllBytesAsync(WeightsPath("v1"));
        await File.WriteAllBytesAsync(WeightsPath("v1"), bytes[..(bytes.Length / 2)]);

        var error = await Assert.ThrowsAsync<CheckpointException>(() => _checkpoints.LoadAsync("v1", ModelRequirements.Paper, CancellationToken.None));

        Assert.Equal(CheckpointFailure.Truncated, error.Reason);
    }

    [Fact]
    public async Task ModelCheckpointStore_Load_FlippedWeightByte_ThrowsCorrupt()
    {
        using var network = ArtistNet.Paper(32, 130);
        await SaveAsync(network);
        var bytes = await File.ReadAllBytesAsync(WeightsPath("v1"));
        bytes[bytes.Length - 10] ^= 0x40;
        await File.WriteAllBytesAsync(WeightsPath("v1"), bytes);

        var error = await Assert.ThrowsAsync<CheckpointException>(() => _checkpoints.LoadAsync("v1", ModelRequirements.Paper, CancellationToken.None));

        Assert.Equal(CheckpointFailure.Corrupt, error.Reason);
    }

    [Fact]
    public async Task ModelCheckpointStore_Load_GarbageMetadata_ThrowsCorrupt()
    {
        using var network = ArtistNet.Paper(32, 130);
        await SaveAsync(network);
        await File.WriteAllTextAsync(Path.Combine(_folder.Path, "models", "v1", "meta.json"), "{ \"version\": ");

        var error = await Assert.ThrowsAsync<CheckpointException>(() => _checkpoints.LoadAsync("v1", ModelRequirements.Paper, CancellationToken.None));

        Assert.Equal(CheckpointFailure.Corrupt, error.Reason);
    }

    [Fact]
    public async Task ModelCheckpointStore_Load_WeightsOfAnotherNetworkWithMatchingHash_ThrowsCorruptAndLoadsNothing()
    {
        using var small = ArtistNet.Paper(32, 130);
        using var large = ArtistNet.Paper(256, 130);
        await SaveAsync(small, "v1");
        var largeMeta = await SaveAsync(large, "v2");
        // A hand-edited meta.json that names the d=256 weights' hash for the d=32 network.
        File.Copy(WeightsPath("v2"), WeightsPath("v1"), overwrite: true);
        var meta = await _checkpoints.ReadMetadataAsync("v1", CancellationToken.None);
        await File.WriteAllTextAsync(Path.Combine(_folder.Path, "models", "v1", "meta.json"), System.Text.Json.JsonSerializer.Serialize(
            meta with { WeightsSha256 = largeMeta.WeightsSha256, WeightsLength = largeMeta.WeightsLength }, CheckpointJson.Options));

        var error = await Assert.ThrowsAsync<CheckpointException>(() => _checkpoints.LoadAsync("v1", ModelRequirements.Paper, CancellationToken.None));

        Assert.Equal(CheckpointFailure.Corrupt, error.Reason);
    }

    [Theory]
    [InlineData("dim")]
    [InlineData("kind")]
    [InlineData("frames")]
    [InlineData("mel")]
    public async Task ModelCheckpointStore_Load_RequirementsDiffer_ThrowsMismatch(string difference)
    {
        using var network = ArtistNet.Paper(32, 130);
        await SaveAsync(network);
        var requirements = difference switch
        {
            "dim" => ModelRequirements.Paper with { Dim = 256 },
            "kind" => ModelRequirements.Paper with { Kind = NetworkKind.Classifier },
            "frames" => ModelRequirements.Paper with { SegmentFrames = 388 },
            _ => new ModelRequirements(MelSettings.Paper with { HopSize = 256 }),
        };

        var error = await Assert.ThrowsAsync<CheckpointException>(() => _checkpoints.LoadAsync("v1", requirements, CancellationToken.None));

        Assert.Equal(CheckpointFailure.Mismatch, error.Reason);
    }

    [Fact]
    public async Task ModelCheckpointStore_SetClusteringThreshold_KeepsWeightsAndRecordsThreshold()
    {
        using var network = ArtistNet.Paper(32, 130);
        var saved = await SaveAsync(network);

        await _checkpoints.SetClusteringThresholdAsync("v1", 0.73, CancellationToken.None);
        using var loaded = await _checkpoints.LoadAsync("v1", ModelRequirements.Paper, CancellationToken.None);

        Assert.Equal(0.73, loaded.Metadata.ClusteringThreshold);
        Assert.Equal(saved.WeightsSha256, loaded.Metadata.WeightsSha256);
    }

    [Fact]
    public async Task ModelCheckpointStore_SetClusteringThresholdWithSplitProbability_KeepsBothUntilAThresholdAloneReplacesThem()
    {
        using var network = ArtistNet.Paper(32, 130);
        await SaveAsync(network);

        await _checkpoints.SetClusteringThresholdAsync("v1", 0.73, (new SplitProbability(-4, 1.5), 0.6), CancellationToken.None);
        using (var loaded = await _checkpoints.LoadAsync("v1", ModelRequirements.Paper, CancellationToken.None))
        {
            Assert.Equal((0.73, new SplitProbability(-4, 1.5), 0.6), (loaded.Metadata.ClusteringThreshold, loaded.Metadata.SplitProbability, loaded.Metadata.MinSplitProbability));
        }

        await _checkpoints.SetClusteringThresholdAsync("v1", 0.8, CancellationToken.None);
        using var recalibrated = await _checkpoints.LoadAsync("v1", ModelRequirements.Paper, CancellationToken.None);
        Assert.Equal(0.8, recalibrated.Metadata.ClusteringThreshold);
        Assert.Null(recalibrated.Metadata.SplitProbability);
        Assert.Null(recalibrated.Metadata.MinSplitProbability);
    }

    [Fact]
    public async Task ModelCheckpointStore_ListVersions_ListsOnlyCompleteCheckpoints()
    {
        using var network = ArtistNet.Paper(32, 130);
        await SaveAsync(network, "a");
        await SaveAsync(network, "b");
        File.Delete(Path.Combine(_folder.Path, "models", "b", "meta.json"));

        var versions = new List<string>();
        await foreach (var version in _checkpoints.ListVersionsAsync(CancellationToken.None)) versions.Add(version);

        Assert.Equal(["a"], versions);
    }

    [Fact]
    public void ModelVersion_Create_NamesKindDimSecondsAndTime()
    {
        var version = ModelVersion.Create(NetworkSpec.PaperMetric(32, 388), 9, new DateTimeOffset(2025, 11, 27, 23, 5, 1, TimeSpan.Zero));

        Assert.Matches("^metric-d32-9s-20251127-230501-[0-9a-f]{6}$", version);
    }

    private string WeightsPath(string version) => Path.Combine(_folder.Path, "models", version, "model.bin");
}
