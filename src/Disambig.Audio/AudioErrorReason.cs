namespace Disambig.Audio;

/// <summary>Why a file yields no features. Each value is one thing the user can act on.</summary>
public enum AudioErrorReason
{
    /// <summary>No file at the path.</summary>
    FileNotFound,

    /// <summary>The path exists but cannot be read as a file: permission denied, or it is a directory.</summary>
    Unreadable,

    /// <summary>The file has 0 bytes.</summary>
    Empty,

    /// <summary>ffprobe recognises no media format in the file (a text file named .mp3, random bytes).</summary>
    NotMedia,

    /// <summary>A media file without an audio stream (video only, an image).</summary>
    NoAudioStream,

    /// <summary>The decoded audio ends well before the duration the container announces.</summary>
    Truncated,

    /// <summary>ffmpeg failed while decoding.</summary>
    Corrupt,

    /// <summary>The track is shorter than <see cref="AudioOptions.MinimumTrackSeconds"/>.</summary>
    TooShort,

    /// <summary>Every segment is quieter than <see cref="AudioOptions.SilenceThresholdDbfs"/>.</summary>
    Silent,

    /// <summary>The requested excerpt starts at or after the end of the track.</summary>
    OutOfRange,

    /// <summary>ffprobe or ffmpeg took longer than its timeout and was killed.</summary>
    Timeout,
}
