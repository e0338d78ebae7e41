namespace Disambig.Segments;

/// <summary>The mel segments of one track, row-major, as the worker silo computed them (float32).</summary>
/// <param name="Values">[Count, Frames, Bands] mel power, float32.</param>
/// <param name="Count">Number of segments (10 in the paper's plan; 1 for a padded short track).</param>
/// <param name="Frames">Frames per segment (388 for 9 s, 130 for 3 s).</param>
/// <param name="Bands">Mel bands (128).</param>
public sealed record SegmentBatch(
    float[] Values,
    int Count,
    int Frames,
    int Bands)
{
    /// <summary>Throws when <see cref="Values"/> does not hold Count x Frames x Bands numbers.</summary>
    public SegmentBatch Validate()
    {
        CheckShape(Values.Length, Count, Frames, Bands);
        return this;
    }

    /// <summary>Throws unless <paramref name="length"/> values make <paramref name="count"/> x <paramref name="frames"/> x <paramref name="bands"/>.</summary>
    internal static void CheckShape(int length, int count, int frames, int bands)
    {
        if (count < 1 || frames < 1 || bands < 1 || (long)count * frames * bands != length)
            throw new ArgumentException($"A segment batch of {length} values is not {count} x {frames} x {bands}.");
    }

    /// <summary>
    /// The same segments as float16, what travels to an inference silo (half the bytes: 1 MB instead of 2 MB for
    /// 10 segments of 9 s). Mel power after the network's dynamic compression differs by at most float16's rounding
    /// (relative 2^-11); docs/model.md gives the measured agreement of the track vectors.
    /// </summary>
    public HalfSegmentBatch ToHalf()
    {
        var halves = new Half[Values.Length];
        for (int i = 0; i < halves.Length; i++) halves[i] = (Half)Values[i];
        return new HalfSegmentBatch(halves, Count, Frames, Bands);
    }
}

/// <summary>The mel segments of one track, row-major, in float16: the message from worker silos to inference silos.</summary>
/// <param name="Values">[Count, Frames, Bands] mel power, float16 (values above 65 504 become infinity; mel power of
/// audio in [-1, 1] stays far below).</param>
/// <param name="Count">Number of segments.</param>
/// <param name="Frames">Frames per segment.</param>
/// <param name="Bands">Mel bands.</param>
public sealed record HalfSegmentBatch(
    Half[] Values,
    int Count,
    int Frames,
    int Bands)
{
    /// <summary>Throws when <see cref="Values"/> does not hold Count x Frames x Bands numbers.</summary>
    public HalfSegmentBatch Validate()
    {
        SegmentBatch.CheckShape(Values.Length, Count, Frames, Bands);
        return this;
    }
}

/// <summary>One embedding per segment, row-major.</summary>
/// <param name="Values">[Count, Dimension] unit vectors.</param>
/// <param name="Count">Number of segments embedded.</param>
/// <param name="Dimension">Embedding size d.</param>
public sealed record EmbeddingBatch(
    float[] Values,
    int Count,
    int Dimension);
