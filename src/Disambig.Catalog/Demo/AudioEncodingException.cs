namespace Disambig.Catalog.Demo;

/// <summary>ffmpeg could not be started or failed to encode a file; names the file and the reason (ffmpeg's own message when it gave one).</summary>
public sealed class AudioEncodingException(string outputPath, string reason, Exception? inner = null)
    : Exception($"Encoding '{outputPath}' failed: {reason}", inner)
{
    /// <summary>The file that was to be written.</summary>
    public string OutputPath { get; } = outputPath;

    /// <summary>Why it failed.</summary>
    public string Reason { get; } = reason;
}
