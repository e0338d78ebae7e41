using Disambig.Audio;

namespace Disambig.Grains.Tracks;

/// <summary>Maps the audio front end's reasons onto the pipeline's per-track failure reasons.</summary>
internal static class TrackFailures
{
    public static TrackFailure Of(TrackRef track, TrackFailureReason reason, string message) =>
        new(track.TrackId, track.AudioPath, reason, message);

    /// <summary>The failure, naming the audio as the catalog has it (not the temporary download of a blob).</summary>
    public static TrackFailure Of(TrackRef track, AudioDecodeException error) =>
        Of(track, ReasonOf(error.Reason), error.Naming(track.AudioPath).Message);

    public static TrackFailureReason ReasonOf(AudioErrorReason reason) => reason switch
    {
        AudioErrorReason.FileNotFound => TrackFailureReason.FileNotFound,
        AudioErrorReason.Unreadable => TrackFailureReason.Unreadable,
        AudioErrorReason.Empty => TrackFailureReason.Empty,
        AudioErrorReason.NotMedia => TrackFailureReason.NotMedia,
        AudioErrorReason.NoAudioStream => TrackFailureReason.NoAudioStream,
        AudioErrorReason.Truncated => TrackFailureReason.Truncated,
        AudioErrorReason.TooShort => TrackFailureReason.TooShort,
        AudioErrorReason.Silent => TrackFailureReason.Silent,
        AudioErrorReason.Timeout => TrackFailureReason.Timeout,
        _ => TrackFailureReason.Corrupt,
    };
}
