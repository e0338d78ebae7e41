namespace Disambig.Grains.Tracks;

/// <summary>A track's vector from its segment embeddings: their mean, projected back onto the unit sphere.</summary>
public static class TrackVector
{
    /// <exception cref="ArgumentException">No segments, or the mean is the zero vector (opposite segments cancel out).</exception>
    public static float[] FromSegments(EmbeddingBatch segments)
    {
        if (segments.Count < 1 || segments.Values.Length != segments.Count * segments.Dimension)
            throw new ArgumentException($"An embedding batch of {segments.Values.Length} values is not {segments.Count} x {segments.Dimension}.");
        var sum = new double[segments.Dimension];
        for (var row = 0; row < segments.Count; row++)
        {
            for (var j = 0; j < segments.Dimension; j++) sum[j] += segments.Values[row * segments.Dimension + j];
        }
        var norm = Math.Sqrt(sum.Sum(v => v * v));
        if (!(norm > 0) || !double.IsFinite(norm))
            throw new ArgumentException("The mean of the segment embeddings has no direction (zero or not finite).");
        return [.. sum.Select(v => (float)(v / norm))];
    }
}
