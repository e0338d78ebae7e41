namespace Disambig.Audio;

/// <summary>A file yields no features; the message names the file and the reason.</summary>
public sealed class AudioDecodeException : Exception
{
    /// <summary>Creates the error for <paramref name="path"/>.</summary>
    public AudioDecodeException(string path, AudioErrorReason reason, string detail, Exception? inner = null)
        : base($"{path}: {Describe(reason)}: {detail}", inner)
    {
        Path = path;
        Reason = reason;
        Detail = detail;
    }

    /// <summary>The file as given by the caller.</summary>
    public string Path { get; }

    /// <summary>Why the file yields no features.</summary>
    public AudioErrorReason Reason { get; }

    /// <summary>What was found, in the decoder's words.</summary>
    public string Detail { get; }

    /// <summary>
    /// The same error naming the file as the user knows it (a blob rather than its temporary download), also where the
    /// decoder's own words quote the path.
    /// </summary>
    public AudioDecodeException Naming(string path) => new(path, Reason, Detail.Replace(Path, path, StringComparison.Ordinal), this);

    private static string Describe(AudioErrorReason reason) => reason switch
    {
        AudioErrorReason.FileNotFound => "file not found",
        AudioErrorReason.Unreadable => "file cannot be read",
        AudioErrorReason.Empty => "file is empty",
        AudioErrorReason.NotMedia => "not an audio or media file",
        AudioErrorReason.NoAudioStream => "no audio stream",
        AudioErrorReason.Truncated => "file is truncated",
        AudioErrorReason.Corrupt => "audio cannot be decoded",
        AudioErrorReason.TooShort => "audio too short",
        AudioErrorReason.Silent => "audio is silent",
        AudioErrorReason.OutOfRange => "excerpt outside the track",
        AudioErrorReason.Timeout => "timed out",
        _ => reason.ToString(),
    };
}
