using Disambig.Aliases;
using Disambig.Clustering.Calibration;
using Disambig.Embedding.Checkpoints;
using Disambig.Embedding.Inference;
using Disambig.Storage;

namespace Disambig.Evaluation;

/// <summary>A checkpoint under evaluation, served by its own batching <see cref="EmbeddingService"/>.</summary>
public sealed class EvaluatedModel : IAsyncDisposable
{
    private readonly ModelCheckpointStore _checkpoints;

    private EvaluatedModel(string directory, ModelCheckpointStore checkpoints, CheckpointMetadata metadata, EmbeddingService service)
    {
        Directory = directory;
        _checkpoints = checkpoints;
        Metadata = metadata;
        Service = service;
    }

    /// <summary>The checkpoint folder (holding <c>model.bin</c> and <c>meta.json</c>).</summary>
    public string Directory { get; }

    /// <summary>How the model appears in reports and figures: the checkpoint folder's name.</summary>
    public string Label => Path.GetFileName(Directory);

    public CheckpointMetadata Metadata { get; private set; }

    public EmbeddingService Service { get; }

    /// <summary>Loads and verifies the checkpoint in <paramref name="directory"/>, whose name must be the model version.</summary>
    /// <exception cref="CheckpointException">Missing, corrupt, truncated or mismatched checkpoint, or a folder named unlike its version.</exception>
    public static async Task<EvaluatedModel> LoadAsync(string directory, EmbeddingServiceOptions serviceOptions, CancellationToken cancellationToken)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
        var version = Path.GetFileName(full);
        var checkpoints = new ModelCheckpointStore(new LocalFolderBlobStore(Path.GetDirectoryName(full)!));
        var model = await checkpoints.LoadAsync(version, ModelRequirements.Paper, cancellationToken);
        if (model.Metadata.Version != version)
        {
            model.Dispose();
            // The calibrated threshold is written to the metadata's own version folder; refuse rather than write elsewhere.
            throw new CheckpointException(checkpoints.Location, version, CheckpointFailure.Mismatch,
                $"meta.json names version '{model.Metadata.Version}'; the folder must carry the version's name");
        }
        return new EvaluatedModel(full, checkpoints, model.Metadata, new EmbeddingService(model, serviceOptions));
    }

    /// <summary>
    /// Records the calibrated clustering threshold and the split probability fitted with it in the checkpoint's
    /// metadata, so the pipeline uses them.
    /// </summary>
    public async Task SaveClusteringThresholdAsync(double threshold, (SplitProbability Probability, double MinSplitProbability)? split, CancellationToken cancellationToken) =>
        Metadata = await _checkpoints.SetClusteringThresholdAsync(Metadata.Version, threshold, split, cancellationToken);

    /// <summary>Records the alias decision calibrated on the evaluation catalog in the checkpoint's metadata, so the pipeline uses it.</summary>
    public async Task SaveAliasCalibrationAsync(AliasModel aliases, CancellationToken cancellationToken) =>
        Metadata = await _checkpoints.SetAliasCalibrationAsync(Metadata.Version,
            new CalibratedAliasModel(aliases.Threshold, aliases.Calibration, aliases.LowEvidenceCap, aliases.LogDistance), cancellationToken);

    public ValueTask DisposeAsync() => Service.DisposeAsync();
}
