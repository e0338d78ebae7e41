using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Disambig.Embedding.Checkpoints;
using Disambig.Embedding.Networks;
using Disambig.Storage;
using TorchSharp.Modules;

namespace Disambig.Embedding.Training;

/// <summary>Where a run stands: everything besides weights and optimizer needed to continue it exactly.</summary>
internal sealed record TrainingState(
    int Step,
    double? BestValidation,
    int BestStep,
    int ValidationsWithoutImprovement,
    int CollapseSteps,
    string WeightsSha256,
    string OptimizerSha256)
{
    public static TrainingState Start { get; } = new(0, null, 0, 0, 0, "", "");
}

/// <summary>
/// A training run's checkpoints in a store: <c>{prefix}last/</c> (weights, metadata, <c>optimizer.bin</c>,
/// <c>state.json</c>), rewritten at every validation so an interrupted run resumes from there, and
/// <c>{prefix}best/</c>, the weights with the best validation metric so far.
/// </summary>
public sealed class TrainingCheckpoints
{
    private const string Last = "last";
    private const string Best = "best";
    private const string OptimizerName = "optimizer.bin";
    private const string StateName = "state.json";

    private readonly IBlobStore _store;
    private readonly string _prefix;
    private readonly ModelCheckpointStore _models;
    private readonly ModelProvenance _provenance;
    private readonly TimeProvider _time;

    /// <param name="prefix">Folder of the run inside the store, ending with '/' (default "training/").</param>
    /// <param name="time">Stamps the saved checkpoints (default: the system clock).</param>
    public TrainingCheckpoints(IBlobStore store, ModelProvenance provenance, string prefix = "training/", TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        _store = store;
        _prefix = BlobName.ValidatePrefix(prefix);
        _models = new ModelCheckpointStore(store, _prefix);
        _provenance = provenance;
    }

    /// <summary>True when a run was saved here, so training will resume it.</summary>
    public async Task<bool> HasSavedRunAsync(CancellationToken cancellationToken) =>
        await _store.GetInfoAsync(NameOf(StateName), cancellationToken) is not null;

    /// <summary>Loads the best weights of the run (for publishing as a model version).</summary>
    public Task<LoadedModel> LoadBestAsync(CancellationToken cancellationToken) =>
        _models.LoadAsync(Best, new ModelRequirements(_provenance.Mel), cancellationToken);

    internal Task SaveBestAsync(EmbeddingNetwork network, TrainingConfig config, string datasetDigest, IReadOnlyDictionary<string, double> metrics, CancellationToken cancellationToken) =>
        _models.SaveAsync(network, _provenance.Describe(Best, network.Spec, config, datasetDigest, metrics, _time.GetUtcNow()), cancellationToken);

    internal async Task SaveLastAsync(
        EmbeddingNetwork network, RMSProp optimizer, TrainingState state, TrainingConfig config, string datasetDigest, CancellationToken cancellationToken)
    {
        var metrics = new Dictionary<string, double> { ["step"] = state.Step };
        if (state.BestValidation is { } best) metrics["bestValidation"] = best;
        var saved = await _models.SaveAsync(network, _provenance.Describe(Last, network.Spec, config, datasetDigest, metrics, _time.GetUtcNow()), cancellationToken);

        using var optimizerBytes = new MemoryStream();
        using (var writer = new BinaryWriter(optimizerBytes, Encoding.UTF8, leaveOpen: true)) optimizer.save_state_dict(writer);
        var optimizerSha = Convert.ToHexStringLower(SHA256.HashData(optimizerBytes.ToArray()));
        optimizerBytes.Position = 0;
        await _store.WriteAsync(NameOf(OptimizerName), optimizerBytes, cancellationToken);

        // Written last and naming both hashes: a run interrupted while saving is detected on resume.
        var complete = state with { WeightsSha256 = saved.WeightsSha256, OptimizerSha256 = optimizerSha };
        using var json = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(complete, CheckpointJson.Options));
        await _store.WriteAsync(NameOf(StateName), json, cancellationToken);
    }

    /// <summary>
    /// Restores network, optimizer and best weights from <c>last/</c> when it exists (null otherwise). Everything is
    /// read and verified before anything is changed.
    /// </summary>
    /// <exception cref="CheckpointException">The saved run is damaged or was started with other settings.</exception>
    internal async Task<TrainingState?> ResumeAsync(
        EmbeddingNetwork network, RMSProp optimizer, TrainingConfig config, WeightsSnapshot best, CancellationToken cancellationToken)
    {
        if (!await HasSavedRunAsync(cancellationToken)) return null;

        var requirements = new ModelRequirements(_provenance.Mel)
        {
            Kind = network.Spec.Kind,
            Dim = network.Spec.Dim,
            SegmentFrames = network.Spec.SegmentFrames,
        };
        using var last = await _models.LoadAsync(Last, requirements, cancellationToken);
        if (last.Metadata.Training is not { } saved || saved with { MaxSteps = config.MaxSteps } != config)
            throw Failure(CheckpointFailure.Mismatch, "the saved run used other training settings; start a new output folder or use the same settings");
        var state = await ReadStateAsync(cancellationToken);
        var optimizerBytes = await ReadAsync(NameOf(OptimizerName), cancellationToken);
        if (state.WeightsSha256 != last.Metadata.WeightsSha256 || state.OptimizerSha256 != Convert.ToHexStringLower(SHA256.HashData(optimizerBytes)))
            throw Failure(CheckpointFailure.Corrupt, "the run was interrupted while saving; its files do not belong together");
        using var bestModel = state.BestStep > 0 ? await _models.LoadAsync(Best, requirements, cancellationToken) : null;

        network.load_state_dict(last.Network.state_dict());
        using (var reader = new BinaryReader(new MemoryStream(optimizerBytes))) optimizer.load_state_dict(reader);
        if (bestModel is not null) best.Capture(bestModel.Network);
        return state;
    }

    private async Task<TrainingState> ReadStateAsync(CancellationToken cancellationToken)
    {
        try
        {
            return JsonSerializer.Deserialize<TrainingState>(await ReadAsync(NameOf(StateName), cancellationToken), CheckpointJson.Options)
                ?? throw Failure(CheckpointFailure.Corrupt, $"{StateName} is empty");
        }
        catch (JsonException e)
        {
            throw Failure(CheckpointFailure.Corrupt, $"{StateName} is unreadable: {e.Message}");
        }
    }

    private async Task<byte[]> ReadAsync(string name, CancellationToken cancellationToken) =>
        await BlobBytes.TryReadAsync(_store, name, cancellationToken) ?? throw Failure(CheckpointFailure.Missing, $"{name} does not exist");

    private string NameOf(string file) => $"{_prefix}{Last}/{file}";

    private CheckpointException Failure(CheckpointFailure reason, string detail) => new(_store.Location + "/" + _prefix, Last, reason, detail);
}
