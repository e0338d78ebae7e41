using System.Diagnostics;

namespace Disambig.Audio;

/// <summary>
/// Traces of the audio front end (issue 14, eighth round): an activity per ffmpeg or ffprobe process (named after the
/// tool, tagged with its <c>inputs</c>) and per track's mel (<c>mel</c>), so that a listener (OpenTelemetry on a silo,
/// the side-by-side benchmark's <c>--timeline</c>) can see when the cores had work. Without a listener starting an
/// activity costs a check and returns null.
/// </summary>
public static class AudioTelemetry
{
    /// <summary>The name of the <see cref="ActivitySource"/>: "Disambig.Audio".</summary>
    public const string SourceName = "Disambig.Audio";

    internal static readonly ActivitySource Source = new(SourceName);
}
