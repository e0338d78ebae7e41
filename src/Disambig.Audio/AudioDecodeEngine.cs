namespace Disambig.Audio;

/// <summary>What decodes a track's planned audio (<see cref="AudioOptions.DecodeEngine"/>).</summary>
public enum AudioDecodeEngine
{
    /// <summary>ffmpeg processes, several tracks per process (<see cref="AudioOptions.BatchTracks"/>), one seeking input per segment.</summary>
    Ffmpeg,

    /// <summary>
    /// FFmpeg's libraries in this process: each file opened once and each segment reached by a seek, with no process
    /// start, filter graph or output file per track; at most <see cref="AudioOptions.DecodeProcesses"/> tracks at once.
    /// Needs Debian 12's FFmpeg 5.1 libraries. A decoder that crashes on a malformed file takes this process with it.
    /// </summary>
    Libav,
}
