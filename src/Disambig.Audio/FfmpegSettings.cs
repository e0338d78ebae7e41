namespace Disambig.Audio;

/// <summary>Message helpers shared by the probe and the decoder.</summary>
internal static class FfmpegSettings
{
    /// <summary>The last non-empty line ffmpeg wrote to stderr, which states the failure; the fallback otherwise.</summary>
    public static string LastLine(IReadOnlyList<string> standardError, string fallback) =>
        standardError.LastOrDefault(line => !string.IsNullOrWhiteSpace(line))?.Trim() ?? fallback;
}
