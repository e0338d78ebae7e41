namespace Disambig.Audio;

/// <summary>
/// The decoder could not read ffmpeg's output to its end: a failure of this machine (a broken pipe, resources), not of
/// the file, so it is transient and must not be recorded against the audio. Unlike <see cref="AudioDecodeException"/>,
/// which says the file yields no features, trying again later may succeed.
/// </summary>
public sealed class AudioReadException : IOException
{
    /// <summary>Creates the error for <paramref name="path"/>.</summary>
    public AudioReadException(string path, string detail, Exception? inner = null)
        : base($"{path}: audio could not be read (transient): {detail}", inner)
    {
        Path = path;
    }

    /// <summary>The file as given by the caller.</summary>
    public string Path { get; }
}
