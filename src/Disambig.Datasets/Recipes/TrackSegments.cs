using System.Collections.Concurrent;
using Disambig.Audio;

namespace Disambig.Datasets.Recipes;

/// <summary>The segments cut from one track: [Count, Frames, MelBands] mel power, row-major.</summary>
public sealed record TrackSegments(int Count, int Frames, float[] Mel, double DurationSeconds)
{
    public ReadOnlyMemory<float> Segment(int index) => Mel.AsMemory(index * Frames * MelSpectrogram.MelBands, Frames * MelSpectrogram.MelBands);
}

/// <summary>Cuts the planned segments of one track from its audio.</summary>
public interface ITrackSegmentSource
{
    /// <exception cref="AudioDecodeException">The track yields no segment; the reason says why.</exception>
    Task<TrackSegments> ReadAsync(string path, TrackSampling sampling, CancellationToken cancellationToken);
}

/// <summary>
/// Segments from audio files through the audio front end: linear samples with its segment plan, excerpts from the
/// mel spectrogram of the whole track (decoded once) cut at the excerpt's segment boundaries.
/// </summary>
public sealed class AudioTrackSegmentSource(string ffmpegFolder = "") : ITrackSegmentSource
{
    /// <summary>Longest track decoded whole for an excerpt, in seconds (a day: no real track is longer).</summary>
    private const double WholeTrackSeconds = 86_400;

    private readonly ConcurrentDictionary<(int Count, double Seconds), TrackFeatureExtractor> _linear = new();
    private readonly TrackFeatureExtractor _whole = new(new AudioOptions { FfmpegFolder = ffmpegFolder });

    public async Task<TrackSegments> ReadAsync(string path, TrackSampling sampling, CancellationToken cancellationToken)
    {
        switch (sampling)
        {
            case LinearSamples linear:
                var extractor = _linear.GetOrAdd((linear.Count, linear.Seconds), key => new TrackFeatureExtractor(
                    new AudioOptions { SegmentCount = key.Count, SegmentSeconds = key.Seconds, FfmpegFolder = ffmpegFolder }));
                var features = await extractor.ExtractAsync(path, cancellationToken);
                return new TrackSegments(features.Segments, features.Frames, features.Mel, features.Stream.DurationSeconds);
            case RandomExcerpt excerpt:
                var mel = await _whole.ExtractExcerptAsync(path, 0, WholeTrackSeconds, cancellationToken);
                return ExcerptCutter.Cut(path, mel, excerpt);
            default:
                throw new ArgumentException($"Unknown sampling {sampling.GetType().Name}.", nameof(sampling));
        }
    }
}

/// <summary>Cuts an excerpt's segments out of a whole track's mel spectrogram (pure).</summary>
public static class ExcerptCutter
{
    /// <param name="path">The track, named in errors.</param>
    /// <param name="wholeTrackMel">[frames, 128] mel power of the whole track (centred frames, hop 512).</param>
    /// <param name="excerpt">Where the excerpt lies and how it is cut.</param>
    /// <exception cref="AudioDecodeException"><see cref="AudioErrorReason.TooShort"/> when not even one segment fits.</exception>
    public static TrackSegments Cut(string path, float[] wholeTrackMel, RandomExcerpt excerpt)
    {
        const int bands = MelSpectrogram.MelBands;
        int frames = wholeTrackMel.Length / bands;
        long trackSamples = (long)(frames - 1) * MelSpectrogram.HopLength;
        long segmentSamples = (long)Math.Round(excerpt.Seconds * MelSpectrogram.SampleRate);
        int segmentFrames = MelSpectrogram.FrameCount(segmentSamples);
        int count = (int)Math.Min(excerpt.PlannedSegments, trackSamples / segmentSamples);
        if (count == 0 || frames < segmentFrames)
            throw new AudioDecodeException(path, AudioErrorReason.TooShort,
                $"{trackSamples / (double)MelSpectrogram.SampleRate:0.###} s, one segment needs {excerpt.Seconds:0.###} s");
        long offset = (long)Math.Round(excerpt.Position * (trackSamples - count * segmentSamples));
        var mel = new float[count * segmentFrames * bands];
        for (int k = 0; k < count; k++)
        {
            // The frame centred nearest the segment's first sample; centred frames of a segment computed alone differ
            // only in the half window of padding at its two ends.
            int first = (int)Math.Min(Math.Round((offset + k * segmentSamples) / (double)MelSpectrogram.HopLength), frames - segmentFrames);
            wholeTrackMel.AsSpan(first * bands, segmentFrames * bands).CopyTo(mel.AsSpan(k * segmentFrames * bands));
        }
        return new TrackSegments(count, segmentFrames, mel, trackSamples / (double)MelSpectrogram.SampleRate);
    }
}
