namespace Disambig.Audio;

/// <summary>How a track's segments were decoded (chosen per file, see <see cref="AudioOptions.WholeFileRatio"/>).</summary>
public enum DecodeStrategy
{
    /// <summary>One ffmpeg process with one seeking input per segment; only the planned audio is decoded.</summary>
    SeekSegments,

    /// <summary>One ffmpeg process decodes the whole file, which is then sliced; cheaper for short tracks.</summary>
    WholeFile,
}
