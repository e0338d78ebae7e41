namespace Disambig.Grains;

/// <summary>What a name asks of one of its tracks in a sweep.</summary>
/// <param name="Track">The track and its audio path.</param>
/// <param name="Model">The model version every track of the name is embedded with.</param>
/// <param name="SweepId">The sweep asking; a vector computed by this sweep counts as embedded, not cached, if asked again.</param>
[GenerateSerializer, Immutable, Alias("Disambig.TrackEmbedRequest")]
public sealed record TrackEmbedRequest(
    [property: Id(0)] TrackRef Track,
    [property: Id(1)] ModelRef Model,
    [property: Id(2)] string SweepId)
{
    /// <summary>
    /// True when the asking name has never asked this track before (its first run, on the sweep's first question): no
    /// state of the track can exist, so the track reads none and creates its state with its first write. A wrong hint
    /// (the track was credited to another name before) costs the track's work, never a stored vector or failure: that
    /// write is refused when a state exists, which is then read and wins.
    /// </summary>
    [Id(110)] public bool NewTrack { get; init; }
}

/// <summary>
/// One catalog track (key: track id). Keeps its vector per (model version, audio ETag) and its failures, so a re-sweep
/// embeds only new or changed audio and a poison track is not decoded again until its audio changes.
/// </summary>
[Alias("Disambig.ITrackGrain")]
public interface ITrackGrain : IGrainWithStringKey
{
    /// <summary>
    /// The track's vector for <see cref="TrackEmbedRequest.Model"/>, from cache or computed (decode, mel, inference,
    /// mean, renormalise), or its recorded failure. Throws <see cref="Placement.NoInferenceSiloException"/> while no
    /// inference silo is up: a pause, not a failure.
    /// </summary>
    [Alias("Embed"), ResponseTimeout("00:05:00")]
    Task<TrackOutcome> Embed(TrackEmbedRequest request);

    /// <summary>Forgets cached vectors and failures (used when a track is re-ingested with new audio at the same path).</summary>
    [Alias("Forget")]
    Task Forget();
}
