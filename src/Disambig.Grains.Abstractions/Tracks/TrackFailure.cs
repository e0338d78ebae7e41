namespace Disambig.Grains;

/// <summary>Why one track yields no vector. How long a failure is remembered depends on its <see cref="TrackFailureClass"/>.</summary>
[GenerateSerializer, Alias("Disambig.TrackFailureReason")]
public enum TrackFailureReason
{
    /// <summary>No audio object at the track's path.</summary>
    FileNotFound,

    /// <summary>The audio exists but cannot be read (permissions, a folder).</summary>
    Unreadable,

    /// <summary>The audio object has 0 bytes.</summary>
    Empty,

    /// <summary>Not an audio or media file.</summary>
    NotMedia,

    /// <summary>A media file without an audio stream.</summary>
    NoAudioStream,

    /// <summary>The decoded audio ends well before its announced duration.</summary>
    Truncated,

    /// <summary>ffmpeg failed while decoding.</summary>
    Corrupt,

    /// <summary>Shorter than the minimum track length.</summary>
    TooShort,

    /// <summary>Every segment is below the silence threshold.</summary>
    Silent,

    /// <summary>Decoding took longer than its timeout.</summary>
    Timeout,

    /// <summary>The catalog's audio path is not a safe relative path.</summary>
    InvalidPath,

    /// <summary>The model refused the track's features (shape or values it cannot embed).</summary>
    EmbeddingFailed,

    /// <summary>The pipeline failed on the track on every attempt (storage or cluster errors); the message holds the last error.</summary>
    Unexpected,
}

/// <summary>A recorded per-track failure; <see cref="Message"/> names the track and its file.</summary>
/// <param name="TrackId">The track.</param>
/// <param name="AudioPath">Its relative audio path.</param>
/// <param name="Reason">What went wrong.</param>
/// <param name="Message">The reason in words, naming the file.</param>
[GenerateSerializer, Immutable, Alias("Disambig.TrackFailure")]
public sealed record TrackFailure(
    [property: Id(0)] string TrackId,
    [property: Id(1)] string AudioPath,
    [property: Id(2)] TrackFailureReason Reason,
    [property: Id(3)] string Message)
{
    /// <summary>Permanent (bad audio), model-dependent or transient: how long the failure is remembered.</summary>
    public TrackFailureClass Class => TrackFailureClasses.Of(Reason);

    public override string ToString() => $"track {TrackId} ({AudioPath}): {Reason}: {Message}";
}
