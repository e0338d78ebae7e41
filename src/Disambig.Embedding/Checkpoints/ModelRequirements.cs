using Disambig.Embedding.Networks;

namespace Disambig.Embedding.Checkpoints;

/// <summary>
/// What a caller needs of a model it loads. The mel settings are always compared (features computed differently
/// would give meaningless embeddings); kind, d and frames only when given.
/// </summary>
public sealed record ModelRequirements(MelSettings Mel)
{
    public NetworkKind? Kind { get; init; }

    public int? Dim { get; init; }

    public int? SegmentFrames { get; init; }

    /// <summary>Any model computed on the paper's mel settings.</summary>
    public static ModelRequirements Paper { get; } = new(MelSettings.Paper);

    /// <summary>The first difference between the requirements and a checkpoint, or null when it fits.</summary>
    public string? FindMismatch(CheckpointMetadata metadata)
    {
        if (metadata.Mel != Mel) return $"mel settings {metadata.Mel} differ from the code's {Mel}";
        if (Kind is { } kind && metadata.Network.Kind != kind) return $"kind is {metadata.Network.Kind}, {kind} required";
        if (Dim is { } dim && metadata.Network.Dim != dim) return $"d is {metadata.Network.Dim}, {dim} required";
        if (SegmentFrames is { } frames && metadata.Network.SegmentFrames != frames)
            return $"segments have {metadata.Network.SegmentFrames} frames, {frames} required";
        if (metadata.Network.MelBands != metadata.Mel.MelBands)
            return $"the network takes {metadata.Network.MelBands} mel bands but the features have {metadata.Mel.MelBands}";
        return null;
    }
}
