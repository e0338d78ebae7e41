namespace Disambig.Grains;

/// <summary>The mel segments of one track, row-major.</summary>
/// <param name="Values">[Count, Frames, Bands] mel power, float32.</param>
/// <param name="Count">Number of segments (10 in the paper's plan; 1 for a padded short track).</param>
/// <param name="Frames">Frames per segment (388 for 9 s, 130 for 3 s).</param>
/// <param name="Bands">Mel bands (128).</param>
[GenerateSerializer, Immutable, Alias("Disambig.SegmentBatch")]
public sealed record SegmentBatch(
    [property: Id(0)] float[] Values,
    [property: Id(1)] int Count,
    [property: Id(2)] int Frames,
    [property: Id(3)] int Bands)
{
    /// <summary>Throws when <see cref="Values"/> does not hold Count x Frames x Bands numbers.</summary>
    public SegmentBatch Validated()
    {
        if (Count < 1 || Frames < 1 || Bands < 1 || (long)Count * Frames * Bands != Values.Length)
            throw new ArgumentException($"A segment batch of {Values.Length} values is not {Count} x {Frames} x {Bands}.");
        return this;
    }
}

/// <summary>One embedding per segment, row-major.</summary>
/// <param name="Values">[Count, Dimension] unit vectors.</param>
/// <param name="Count">Number of segments embedded.</param>
/// <param name="Dimension">Embedding size d.</param>
[GenerateSerializer, Immutable, Alias("Disambig.EmbeddingBatch")]
public sealed record EmbeddingBatch(
    [property: Id(0)] float[] Values,
    [property: Id(1)] int Count,
    [property: Id(2)] int Dimension);
