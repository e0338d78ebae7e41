namespace Disambig.Grains;

/// <summary>Whether a track failure can change without its audio changing, and so how long it may be remembered.</summary>
[GenerateSerializer, Alias("Disambig.TrackFailureClass")]
public enum TrackFailureClass
{
    /// <summary>The audio itself is bad (empty, corrupt, silent, too short, ...): remembered until the audio's ETag changes.</summary>
    Permanent,

    /// <summary>The model refused the track: remembered for this audio and this model version only.</summary>
    ModelDependent,

    /// <summary>The moment failed (a decode timeout on a busy node, a lost silo, storage outage): never remembered, tried again.</summary>
    Transient,
}

/// <summary>The class of each <see cref="TrackFailureReason"/>.</summary>
public static class TrackFailureClasses
{
    public static TrackFailureClass Of(TrackFailureReason reason) => reason switch
    {
        TrackFailureReason.EmbeddingFailed => TrackFailureClass.ModelDependent,
        // Permissions can be fixed without a new ETag; a timeout and an error of the cluster say nothing about the audio.
        // (A missing object is permanent until it appears: it has no ETag to be remembered by, so it is looked up again every sweep.)
        TrackFailureReason.Unreadable or TrackFailureReason.Timeout or TrackFailureReason.Unexpected => TrackFailureClass.Transient,
        _ => TrackFailureClass.Permanent,
    };
}
