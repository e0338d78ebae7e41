namespace Disambig.Embedding.Inference;

/// <summary>How <see cref="EmbeddingService"/> groups requests into forward passes.</summary>
public sealed class EmbeddingServiceOptions
{
    /// <summary>Most segments per forward pass. Default 64; 1 to 4096. A single larger request runs in several passes.</summary>
    public int MaxBatchSegments { get; set; } = 64;

    /// <summary>How long a batch waits for more requests after its first one arrived. Default 5 ms; 0 to 1 s.</summary>
    public TimeSpan MaxWait { get; set; } = TimeSpan.FromMilliseconds(5);

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first setting out of range.</summary>
    public EmbeddingServiceOptions Validated()
    {
        if (MaxBatchSegments is < 1 or > 4096)
            throw new ArgumentOutOfRangeException(nameof(MaxBatchSegments), MaxBatchSegments, "MaxBatchSegments must be in [1, 4096].");
        if (MaxWait < TimeSpan.Zero || MaxWait > TimeSpan.FromSeconds(1))
            throw new ArgumentOutOfRangeException(nameof(MaxWait), MaxWait, "MaxWait must be in [0, 1 s].");
        return this;
    }
}
