using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Disambig.Clustering.Calibration;
using Disambig.Embedding.Networks;
using Disambig.Storage;

namespace Disambig.Embedding.Checkpoints;

/// <summary>
/// Checkpoints as <c>{prefix}{version}/model.bin</c> (TorchSharp weights) and <c>{prefix}{version}/meta.json</c>
/// (<see cref="CheckpointMetadata"/>) in any <see cref="IBlobStore"/>: a local folder or a blob container.
/// The metadata is written last, so a checkpoint without it was never completed.
/// </summary>
public sealed class ModelCheckpointStore
{
    public const string WeightsName = "model.bin";
    public const string MetadataName = "meta.json";

    private readonly IBlobStore _store;
    private readonly string _prefix;

    /// <param name="prefix">Prepended to every name: "" for the <c>models</c> container, e.g. "models/" in a shared folder.</param>
    public ModelCheckpointStore(IBlobStore store, string prefix = "")
    {
        _store = store;
        _prefix = BlobName.ValidatePrefix(prefix);
    }

    public string Location => _store.Location + "/" + _prefix;

    /// <summary>Writes the network's weights, then the metadata completed with the weights' hash and length.</summary>
    public async Task<CheckpointMetadata> SaveAsync(EmbeddingNetwork network, CheckpointMetadata metadata, CancellationToken cancellationToken)
    {
        using var weights = new MemoryStream();
        using (var writer = new BinaryWriter(weights, Encoding.UTF8, leaveOpen: true))
        {
            network.save(writer);
        }
        var complete = metadata with
        {
            Format = CheckpointMetadata.CurrentFormat,
            Network = network.Spec,
            WeightsSha256 = Convert.ToHexStringLower(SHA256.HashData(weights.GetBuffer().AsSpan(0, (int)weights.Length))),
            WeightsLength = weights.Length,
        };
        weights.Position = 0;
        await _store.WriteAsync(NameOf(metadata.Version, WeightsName), weights, cancellationToken);
        await WriteMetadataAsync(complete, cancellationToken);
        return complete;
    }

    /// <summary>Reads and parses <c>meta.json</c>.</summary>
    /// <exception cref="CheckpointException">Missing or Corrupt.</exception>
    public async Task<CheckpointMetadata> ReadMetadataAsync(string version, CancellationToken cancellationToken)
    {
        var bytes = await ReadAllAsync(version, MetadataName, cancellationToken);
        try
        {
            return JsonSerializer.Deserialize<CheckpointMetadata>(bytes, CheckpointJson.Options)
                ?? throw Failure(version, CheckpointFailure.Corrupt, $"{MetadataName} is empty");
        }
        catch (JsonException e)
        {
            throw Failure(version, CheckpointFailure.Corrupt, $"{MetadataName} is not valid metadata: {e.Message}", e);
        }
    }

    /// <summary>
    /// Verifies the metadata against <paramref name="requirements"/> and the weights against their hash, then loads
    /// them into a new network. On any failure the new network is disposed and nothing is returned.
    /// </summary>
    /// <exception cref="CheckpointException">Missing, Corrupt, Truncated or Mismatch.</exception>
    public async Task<LoadedModel> LoadAsync(string version, ModelRequirements requirements, CancellationToken cancellationToken)
    {
        var metadata = await ReadMetadataAsync(version, cancellationToken);
        if (metadata.Format != CheckpointMetadata.CurrentFormat)
            throw Failure(version, CheckpointFailure.Mismatch, $"format {metadata.Format}, this code reads format {CheckpointMetadata.CurrentFormat}");
        if (requirements.FindMismatch(metadata) is { } mismatch) throw Failure(version, CheckpointFailure.Mismatch, mismatch);

        var weights = await ReadAllAsync(version, WeightsName, cancellationToken);
        if (weights.Length < metadata.WeightsLength)
            throw Failure(version, CheckpointFailure.Truncated, $"{WeightsName} has {weights.Length} of {metadata.WeightsLength} bytes");
        var sha = Convert.ToHexStringLower(SHA256.HashData(weights));
        if (weights.Length != metadata.WeightsLength || sha != metadata.WeightsSha256)
            throw Failure(version, CheckpointFailure.Corrupt, $"{WeightsName} does not match its recorded SHA-256 {metadata.WeightsSha256}");

        EmbeddingNetwork network;
        try
        {
            network = NetworkFactory.Create(metadata.Network);
        }
        catch (ArgumentException e)
        {
            throw Failure(version, CheckpointFailure.Mismatch, $"this code cannot build the recorded network: {e.Message}", e);
        }
        try
        {
            using var reader = new BinaryReader(new MemoryStream(weights, writable: false));
            network.load(reader, strict: true);
            network.eval();
            return new LoadedModel(network, metadata);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            network.Dispose();
            throw Failure(version, CheckpointFailure.Corrupt, $"{WeightsName} does not hold this network's weights: {e.Message}", e);
        }
    }

    /// <summary>Records the calibrated clustering threshold in the metadata; the weights are untouched.</summary>
    public Task<CheckpointMetadata> SetClusteringThresholdAsync(string version, double threshold, CancellationToken cancellationToken) =>
        SetClusteringThresholdAsync(version, threshold, null, cancellationToken);

    /// <summary>
    /// Records the calibrated clustering threshold and the split probability calibrated with it (null: none, and any
    /// earlier one is dropped, since it was fitted at another threshold); the weights are untouched.
    /// </summary>
    /// <param name="version">The checkpoint's version.</param>
    /// <param name="threshold">Positive Ward distance.</param>
    /// <param name="split">Platt map of the split confidence and the least probability of an applied split, or null.</param>
    /// <param name="cancellationToken">Stops the read and write.</param>
    public async Task<CheckpointMetadata> SetClusteringThresholdAsync(
        string version, double threshold, (SplitProbability Probability, double MinSplitProbability)? split, CancellationToken cancellationToken)
    {
        if (!double.IsFinite(threshold) || threshold <= 0)
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "A clustering threshold is a positive distance.");
        if (split is { MinSplitProbability: var least } && !(least is >= 0 and <= 1))
            throw new ArgumentOutOfRangeException(nameof(split), least, "The least split probability lies in [0, 1].");
        var updated = await ReadMetadataAsync(version, cancellationToken) with
        {
            ClusteringThreshold = threshold,
            SplitProbability = split?.Probability,
            MinSplitProbability = split?.MinSplitProbability,
        };
        await WriteMetadataAsync(updated, cancellationToken);
        return updated;
    }

    /// <summary>Records the calibrated alias decision in the metadata (null drops an earlier one); the weights are untouched.</summary>
    public async Task<CheckpointMetadata> SetAliasCalibrationAsync(string version, CalibratedAliasModel? aliases, CancellationToken cancellationToken)
    {
        if (aliases is { Threshold: var threshold } && !(threshold is >= 0 and <= 2))
            throw new ArgumentOutOfRangeException(nameof(aliases), threshold, "An alias threshold is a cosine distance in [0, 2].");
        var updated = await ReadMetadataAsync(version, cancellationToken) with { Aliases = aliases };
        await WriteMetadataAsync(updated, cancellationToken);
        return updated;
    }

    /// <summary>Versions that have metadata (complete checkpoints), in ordinal order.</summary>
    public async IAsyncEnumerable<string> ListVersionsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var suffix = "/" + MetadataName;
        await foreach (var name in _store.ListAsync(_prefix, cancellationToken))
        {
            var relative = name[_prefix.Length..];
            if (relative.EndsWith(suffix, StringComparison.Ordinal)) yield return relative[..^suffix.Length];
        }
    }

    private async Task WriteMetadataAsync(CheckpointMetadata metadata, CancellationToken cancellationToken)
    {
        using var json = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(metadata, CheckpointJson.Options));
        await _store.WriteAsync(NameOf(metadata.Version, MetadataName), json, cancellationToken);
    }

    private async Task<byte[]> ReadAllAsync(string version, string file, CancellationToken cancellationToken) =>
        await BlobBytes.TryReadAsync(_store, NameOf(version, file), cancellationToken)
            ?? throw Failure(version, CheckpointFailure.Missing, $"{file} does not exist");

    private string NameOf(string version, string file) => BlobName.Validate($"{_prefix}{version}/{file}");

    private CheckpointException Failure(string version, CheckpointFailure reason, string detail, Exception? inner = null) =>
        new(Location, version, reason, detail, inner);
}
