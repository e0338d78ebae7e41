namespace Disambig.Grains;

/// <summary>How a track's vector was obtained in a sweep.</summary>
[GenerateSerializer, Alias("Disambig.TrackOutcomeKind")]
public enum TrackOutcomeKind
{
    /// <summary>Computed from the audio in this sweep.</summary>
    Embedded,

    /// <summary>Taken from the cache: same model version and same audio as an earlier sweep.</summary>
    Cached,

    /// <summary>No vector: see <see cref="TrackOutcome.Failure"/>.</summary>
    Failed,
}

/// <summary>One track's answer to its name: a unit vector of the requested model version, or a typed failure.</summary>
/// <param name="TrackId">The track.</param>
/// <param name="Kind">Embedded, cached or failed.</param>
/// <param name="Vector">[d] unit vector (mean of the segment embeddings, renormalised); null when failed.</param>
/// <param name="Failure">Why it failed; null otherwise.</param>
[GenerateSerializer, Immutable, Alias("Disambig.TrackOutcome")]
public sealed record TrackOutcome(
    [property: Id(0)] string TrackId,
    [property: Id(1)] TrackOutcomeKind Kind,
    [property: Id(2)] float[]? Vector,
    [property: Id(3)] TrackFailure? Failure)
{
    /// <summary>
    /// The entity tag of the audio the outcome belongs to (null when the track has no audio object or an invalid path):
    /// what the name's fingerprint records, so a later sweep can tell unchanged audio from a listing.
    /// </summary>
    [Id(50)] public string? AudioETag { get; init; }

    public static TrackOutcome Vectorised(string trackId, float[] vector, bool cached) =>
        new(trackId, cached ? TrackOutcomeKind.Cached : TrackOutcomeKind.Embedded, vector, null);

    public static TrackOutcome Failed(TrackFailure failure) => new(failure.TrackId, TrackOutcomeKind.Failed, null, failure);
}
