namespace Disambig.Embedding.Sampling;

/// <summary>
/// Section 3.2: each iteration draws <see cref="SamplesPerArtist"/> (n) segments from each of
/// <see cref="ArtistsPerBatch"/> (N) different artists.
/// </summary>
public sealed record BatchShape(int ArtistsPerBatch, int SamplesPerArtist)
{
    /// <summary>Segments per batch: N·n.</summary>
    public int SegmentCount => ArtistsPerBatch * SamplesPerArtist;

    /// <summary>Triplets per batch, one per positive pair: N·n(n-1)/2.</summary>
    public int TripletCount => ArtistsPerBatch * SamplesPerArtist * (SamplesPerArtist - 1) / 2;

    /// <summary>Throws when N &lt; 2 (no negatives) or n &lt; 2 (no positive pairs).</summary>
    public BatchShape Validate()
    {
        if (ArtistsPerBatch < 2) throw new ArgumentOutOfRangeException(nameof(ArtistsPerBatch), ArtistsPerBatch, "A batch needs at least 2 artists.");
        if (SamplesPerArtist < 2) throw new ArgumentOutOfRangeException(nameof(SamplesPerArtist), SamplesPerArtist, "A batch needs at least 2 samples per artist.");
        return this;
    }
}
