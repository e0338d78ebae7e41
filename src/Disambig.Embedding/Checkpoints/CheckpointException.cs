namespace Disambig.Embedding.Checkpoints;

/// <summary>Why a checkpoint could not be loaded.</summary>
public enum CheckpointFailure
{
    /// <summary><c>meta.json</c> or <c>model.bin</c> does not exist.</summary>
    Missing,

    /// <summary>A file is unreadable or its content does not match its recorded hash.</summary>
    Corrupt,

    /// <summary><c>model.bin</c> is shorter than recorded: an interrupted copy.</summary>
    Truncated,

    /// <summary>The model is intact but not what this code or the caller needs (format, kind, d, frames, mel settings).</summary>
    Mismatch,
}

/// <summary>A checkpoint that cannot be used; nothing was loaded.</summary>
public sealed class CheckpointException(string location, string version, CheckpointFailure reason, string detail, Exception? inner = null)
    : Exception($"Checkpoint '{version}' in {location} is unusable ({reason}): {detail}", inner)
{
    public string Location { get; } = location;

    public string Version { get; } = version;

    public CheckpointFailure Reason { get; } = reason;
}
