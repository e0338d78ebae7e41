using Disambig.Embedding.Networks;
using Disambig.Embedding.Training;

namespace Disambig.Embedding.Checkpoints;

/// <summary>The facts about a model that its weights cannot tell: features, segment length, source revision.</summary>
/// <param name="Mel">The mel settings of the training features.</param>
/// <param name="SegmentSeconds">Seconds per segment (9 or 3).</param>
/// <param name="GitRevision">See <see cref="Checkpoints.GitRevision.Current"/>.</param>
public sealed record ModelProvenance(MelSettings Mel, int SegmentSeconds, string GitRevision)
{
    /// <summary>Metadata for a checkpoint of a network with this provenance.</summary>
    public CheckpointMetadata Describe(
        string version,
        NetworkSpec network,
        TrainingConfig? training,
        string datasetDigest,
        IReadOnlyDictionary<string, double> metrics,
        DateTimeOffset createdUtc) => new()
    {
        Version = version,
        Network = network,
        SegmentSeconds = SegmentSeconds,
        Mel = Mel,
        Training = training,
        DatasetDigest = datasetDigest,
        GitRevision = GitRevision,
        Metrics = metrics,
        CreatedUtc = createdUtc,
    };
}
