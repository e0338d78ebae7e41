namespace Disambig.Audio;

/// <summary>The mel spectrograms of a track's planned segments, ready for the network.</summary>
/// <param name="Path">The file.</param>
/// <param name="Stream">ffprobe's view of its audio stream (duration, channels, native rate, codec).</param>
/// <param name="Plan">Where the segments lie; <see cref="SegmentPlan.Padded"/> flags a track shorter than one segment.</param>
/// <param name="Strategy">How the segments were decoded.</param>
/// <param name="Mel">[Segments, Frames, Bands] mel power, row-major float32, no log.</param>
public sealed record TrackFeatures(string Path, AudioStreamInfo Stream, SegmentPlan Plan, DecodeStrategy Strategy, float[] Mel)
{
    /// <summary>Number of segments (10, or 1 when padded).</summary>
    public int Segments => Plan.Count;

    /// <summary>Frames per segment (388 for 9 s, 130 for 3 s).</summary>
    public int Frames => Plan.FramesPerSegment;

    /// <summary>Mel bands per frame (128).</summary>
    public int Bands => MelSpectrogram.MelBands;

    /// <summary>True when the track was shorter than one segment and zero-padded.</summary>
    public bool Padded => Plan.Padded;

    /// <summary>The [Frames, Bands] mel spectrogram of one segment.</summary>
    public ReadOnlyMemory<float> Segment(int index) =>
        Mel.AsMemory(checked(index * Frames * Bands), Frames * Bands);
}
