namespace Disambig.Audio;

/// <summary>File-system checks made before any ffmpeg process starts, so the common mistakes get exact reasons.</summary>
internal static class AudioInputFile
{
    public static void Check(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (Directory.Exists(path))
            throw new AudioDecodeException(path, AudioErrorReason.Unreadable, "the path is a directory, not a file");
        if (!File.Exists(path))
            throw new AudioDecodeException(path, AudioErrorReason.FileNotFound, "no such file");
        if (new FileInfo(path).Length == 0)
            throw new AudioDecodeException(path, AudioErrorReason.Empty, "0 bytes");
        try
        {
            // ffmpeg would only say "Permission denied" after starting; opening the file here names the cause directly.
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new AudioDecodeException(path, AudioErrorReason.Unreadable, e.Message, e);
        }
    }
}
