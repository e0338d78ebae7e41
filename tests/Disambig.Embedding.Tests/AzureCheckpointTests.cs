using Disambig.Embedding.Checkpoints;
using Disambig.Embedding.Networks;
using Disambig.Embedding.Training;
using Disambig.Storage;
using Disambig.TestSupport;
using static TorchSharp.torch;

namespace Disambig.Embedding.Tests;

/// <summary>Checkpoints in a blob container through Azure.Storage.Blobs (Azurite, started by the test command).</summary>
public sealed class AzureCheckpointTests(AzuriteContainer azurite) : IClassFixture<AzuriteContainer>
{
    private readonly IBlobStore _store = new AzureBlobStore(azurite.Container, $"run-{Guid.NewGuid():N}/");

    private static readonly ModelProvenance Provenance = new(MelSettings.Paper, 3, "abc123");

    [Fact]
    public async Task ModelCheckpointStore_BlobContainer_SaveThenLoadGivesTheSameEmbeddingsAndAFlippedByteIsCorrupt()
    {
        var checkpoints = new ModelCheckpointStore(_store, "models/");
        using var network = ArtistNet.Paper(32, 130);
        await checkpoints.SaveAsync(network, Provenance.Describe("blob-v1", network.Spec, new TrainingConfig(), "sha256:data",
            new Dictionary<string, double>(), DateTimeOffset.UnixEpoch), CancellationToken.None);
        using var scope = NewDisposeScope();
        manual_seed(5);
        var segments = rand(2, 130, 128);
        network.eval();
        var expected = network.Embed(segments);

        using (var loaded = await checkpoints.LoadAsync("blob-v1", ModelRequirements.Paper, CancellationToken.None))
        {
            Assert.True(loaded.Network.Embed(segments).eq(expected).all().item<bool>());
        }
        Assert.Equal(["blob-v1"], await checkpoints.ListVersionsAsync(CancellationToken.None).ToListAsync());

        var weights = "models/blob-v1/" + ModelCheckpointStore.WeightsName;
        using var copy = new MemoryStream();
        await using (var read = await _store.OpenReadAsync(weights, CancellationToken.None)) await read.CopyToAsync(copy);
        var bytes = copy.ToArray();
        bytes[bytes.Length / 2] ^= 0xFF;
        await _store.WriteAsync(weights, new MemoryStream(bytes), CancellationToken.None);

        var error = await Assert.ThrowsAsync<CheckpointException>(() => checkpoints.LoadAsync("blob-v1", ModelRequirements.Paper, CancellationToken.None));
        Assert.Equal(CheckpointFailure.Corrupt, error.Reason);
        Assert.Contains("blob-v1", error.Message);
    }
}
