namespace Disambig.Audio;

/// <summary>
/// Where the segments of one track lie, in samples at <see cref="MelSpectrogram.SampleRate"/>. The paper's plan:
/// <see cref="AudioOptions.SegmentCount"/> linearly spaced segments, the first starting at 0 and the last ending at
/// the track's end. A track shorter than one segment (but not shorter than the minimum) gets a single segment,
/// zero-padded at its end and flagged <see cref="Padded"/>: one honest segment rather than ten copies of it.
/// </summary>
/// <param name="TrackSamples">Track length in samples, from ffprobe's duration.</param>
/// <param name="SegmentSamples">Length of every segment in samples (9 s = 198 450).</param>
/// <param name="StartSamples">First sample of each segment, ascending.</param>
/// <param name="ValidSamples">Samples of real audio in each segment: <paramref name="SegmentSamples"/>, or the track length when padded.</param>
/// <param name="Padded">True when the track was shorter than one segment.</param>
public sealed record SegmentPlan(long TrackSamples, int SegmentSamples, IReadOnlyList<long> StartSamples, int ValidSamples, bool Padded)
{
    /// <summary>Number of segments.</summary>
    public int Count => StartSamples.Count;

    /// <summary>Mel frames of one segment (388 for 9 s, 130 for 3 s).</summary>
    public int FramesPerSegment => MelSpectrogram.FrameCount(SegmentSamples);

    /// <summary>Start of segment <paramref name="index"/> in seconds.</summary>
    public double StartSeconds(int index) => StartSamples[index] / (double)MelSpectrogram.SampleRate;

    /// <summary>Plans a track of <paramref name="durationSeconds"/> seconds (ffprobe's duration).</summary>
    /// <param name="path">The track's file, named in the error when it is too short.</param>
    /// <param name="durationSeconds">Track length in seconds.</param>
    /// <param name="options">Validated options.</param>
    /// <exception cref="AudioDecodeException"><see cref="AudioErrorReason.TooShort"/> below the minimum length.</exception>
    public static SegmentPlan Create(string path, double durationSeconds, AudioOptions options)
    {
        var trackSamples = (long)Math.Floor(durationSeconds * MelSpectrogram.SampleRate);
        var segmentSamples = (int)Math.Round(options.SegmentSeconds * MelSpectrogram.SampleRate);
        var minimumSamples = (long)Math.Ceiling(options.MinimumTrackSeconds * MelSpectrogram.SampleRate);
        if (trackSamples < minimumSamples)
            throw new AudioDecodeException(path, AudioErrorReason.TooShort,
                $"{durationSeconds:0.###} s, the minimum is {options.MinimumTrackSeconds:0.###} s");
        if (trackSamples < segmentSamples)
            return new SegmentPlan(trackSamples, segmentSamples, [0L], (int)trackSamples, Padded: true);

        var count = options.SegmentCount;
        var span = trackSamples - segmentSamples;
        var starts = new long[count];
        for (var i = 1; i < count; i++)
            starts[i] = (long)Math.Round((double)span * i / (count - 1), MidpointRounding.AwayFromZero);
        return new SegmentPlan(trackSamples, segmentSamples, starts, segmentSamples, Padded: false);
    }
}
