namespace Disambig.Aliases;

/// <summary>
/// Where one entity (an artist found under a name, or the whole name when kept whole) sits in the embedding space.
/// A plain record of arrays and numbers so that the contracts project can mirror it for Orleans later.
/// </summary>
/// <param name="Centroid">[d] unit-length mean direction of the entity's track vectors.</param>
/// <param name="Spread">
/// Mean cosine distance (1 - cos) of the entity's unit track vectors to <paramref name="Centroid"/>: 0 when every track
/// points the same way, larger for a diffuse entity; in [0, 2].
/// </param>
/// <param name="TrackCount">Number of tracks the centroid was computed from (&gt;= 1).</param>
public sealed record EntityPlace(float[] Centroid, double Spread, int TrackCount)
{
    /// <summary>Length of <see cref="Centroid"/>.</summary>
    public int Dimension => Centroid.Length;

    /// <summary>
    /// The place of the entity whose tracks have the vectors <paramref name="trackVectors"/>: each vector is scaled to
    /// unit length, the centroid is their mean scaled to unit length, the spread their mean cosine distance to it.
    /// When the unit vectors cancel out exactly (a mean of length ~0, e.g. two opposite tracks) the first track's
    /// direction is the centroid, so the place is always defined.
    /// </summary>
    /// <param name="trackVectors">[n, d] track embeddings (n &gt;= 1, equal lengths, finite, none all zero).</param>
    /// <param name="entityId">Names the entity in error messages.</param>
    /// <exception cref="InvalidTrackVectorException">No vectors, or one of them is empty, of another length, not finite or all zero.</exception>
    public static EntityPlace FromTracks(IReadOnlyList<float[]> trackVectors, string entityId)
    {
        ArgumentNullException.ThrowIfNull(trackVectors);
        ArgumentNullException.ThrowIfNull(entityId);
        if (trackVectors.Count == 0)
        {
            throw new InvalidTrackVectorException(entityId, -1, "the entity has no track vectors");
        }

        var dimension = trackVectors[0]?.Length ?? 0;
        var sum = new double[dimension];
        var units = new double[trackVectors.Count][];
        for (var t = 0; t < trackVectors.Count; t++)
        {
            units[t] = UnitTrack(trackVectors[t], dimension, entityId, t);
            for (var j = 0; j < dimension; j++)
            {
                sum[j] += units[t][j];
            }
        }

        var length = Math.Sqrt(sum.Sum(v => v * v));
        var direction = length > 1e-9 * trackVectors.Count ? sum.Select(v => v / length).ToArray() : units[0];
        var spread = units.Average(unit => CosineDistance(unit, direction));
        return new EntityPlace([.. direction.Select(v => (float)v)], spread, trackVectors.Count);
    }

    private static double[] UnitTrack(float[]? vector, int dimension, string entityId, int track)
    {
        if (vector is null || vector.Length == 0)
        {
            throw new InvalidTrackVectorException(entityId, track, "the vector is empty");
        }

        if (vector.Length != dimension)
        {
            throw new InvalidTrackVectorException(entityId, track, $"it has {vector.Length} values but track 0 has {dimension}");
        }

        var squares = 0.0;
        for (var j = 0; j < vector.Length; j++)
        {
            if (!float.IsFinite(vector[j]))
            {
                throw new InvalidTrackVectorException(entityId, track, $"component {j} is {vector[j]}");
            }

            squares += (double)vector[j] * vector[j];
        }

        if (squares == 0)
        {
            throw new InvalidTrackVectorException(entityId, track, "the vector is all zeros and has no direction");
        }

        var norm = Math.Sqrt(squares);
        return [.. vector.Select(v => v / norm)];
    }

    private static double CosineDistance(double[] unit, double[] direction)
    {
        var dot = 0.0;
        for (var j = 0; j < unit.Length; j++)
        {
            dot += unit[j] * direction[j];
        }

        return Math.Clamp(1 - dot, 0, 2);
    }
}

/// <summary>A track vector cannot give an entity a place in the embedding space.</summary>
public sealed class InvalidTrackVectorException : ArgumentException
{
    /// <param name="entityId">The entity whose tracks were given.</param>
    /// <param name="track">Index of the offending track vector, or -1 when the entity as a whole is at fault.</param>
    /// <param name="reason">Why, in words.</param>
    public InvalidTrackVectorException(string entityId, int track, string reason)
        : base(track < 0
            ? $"Entity '{entityId}' has no place in the embedding space: {reason}."
            : $"Entity '{entityId}', track vector {track}: {reason}.")
    {
        EntityId = entityId;
        Track = track;
    }

    /// <summary>The entity whose tracks were given.</summary>
    public string EntityId { get; }

    /// <summary>Index of the offending track vector, or -1.</summary>
    public int Track { get; }
}
