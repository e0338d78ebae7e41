using Disambig.Audio.Libav;

namespace Disambig.Audio;

/// <summary>
/// Decodes the segment plan of a track (or one excerpt) to 22 050 Hz mono float32 with ffmpeg. Every failure is an
/// <see cref="AudioDecodeException"/> naming the file; cancellation throws <see cref="OperationCanceledException"/>;
/// either way no ffmpeg or ffprobe process outlives the call.
/// </summary>
public sealed class TrackAudioDecoder
{
    private readonly AudioOptions _options;
    private readonly DecodeBatcher _batcher;
    private readonly LibavDecodeSlots? _libav;

    /// <summary>
    /// Creates a decoder; validates <paramref name="options"/>. Concurrent <see cref="DecodeAsync"/> calls on one
    /// decoder share ffmpeg processes (<see cref="AudioOptions.BatchTracks"/>).
    /// </summary>
    public TrackAudioDecoder(AudioOptions options) : this(options, TimeProvider.System)
    {
    }

    /// <summary>As <see cref="TrackAudioDecoder(AudioOptions)"/>, with the clock that times the batches' wait.</summary>
    public TrackAudioDecoder(AudioOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        options.Validate();
        _options = options;
        _batcher = new DecodeBatcher(options, timeProvider);
        _libav = options.DecodeEngine == AudioDecodeEngine.Libav ? new LibavDecodeSlots(options) : null;
    }

    /// <summary>ffmpeg processes this decoder has started for several tracks at once.</summary>
    internal int SharedRuns => _batcher.SharedRuns;

    /// <summary>Runs of this decoder's batching front so far, shared or of one track.</summary>
    internal int Runs => _batcher.Runs;

    /// <summary>Where this decoder's ffmpeg processes are pinned; null: not pinned.</summary>
    internal CorePlacement? Placement => _batcher.Placement;

    /// <summary>Tracks waiting for a run of this decoder's batching front to start.</summary>
    internal int Waiting => _batcher.Waiting;

    /// <summary>Probes, plans and decodes the track's segments; refuses silent tracks.</summary>
    public async Task<DecodedTrack> DecodeAsync(string path, CancellationToken cancellationToken)
    {
        AudioInputFile.Check(path);
        var stream = await AudioProbe.ProbeAsync(path, _options, cancellationToken).ConfigureAwait(false);
        var plan = SegmentPlan.Create(path, stream.DurationSeconds, _options);
        var plannedSamples = (double)plan.Count * plan.SegmentSamples;
        var strategy = plan.TrackSamples <= _options.WholeFileRatio * plannedSamples
            ? DecodeStrategy.WholeFile
            : DecodeStrategy.SeekSegments;
        var samples = strategy == DecodeStrategy.WholeFile
            ? await DecodeWholeAsync(path, stream, plan, cancellationToken).ConfigureAwait(false)
            : await DecodeSeekingAsync(path, stream, plan, cancellationToken).ConfigureAwait(false);
        ThrowIfSilent(path, plan, samples);
        return new DecodedTrack(path, stream, plan, strategy, samples);
    }

    /// <summary>
    /// Decodes <paramref name="durationSeconds"/> seconds from <paramref name="offsetSeconds"/>, clipped to the end
    /// of the track; returns mono float samples at 22 050 Hz.
    /// </summary>
    public async Task<float[]> DecodeExcerptAsync(string path, double offsetSeconds, double durationSeconds, CancellationToken cancellationToken)
    {
        if (!(offsetSeconds >= 0) || double.IsInfinity(offsetSeconds))
            throw new ArgumentOutOfRangeException(nameof(offsetSeconds), offsetSeconds, "The offset must be 0 or more seconds.");
        if (!(durationSeconds > 0) || double.IsInfinity(durationSeconds))
            throw new ArgumentOutOfRangeException(nameof(durationSeconds), durationSeconds, "The duration must be above 0 seconds.");
        AudioInputFile.Check(path);
        var stream = await AudioProbe.ProbeAsync(path, _options, cancellationToken).ConfigureAwait(false);
        var trackSamples = (long)(stream.DurationSeconds * MelSpectrogram.SampleRate);
        var start = (long)Math.Round(offsetSeconds * MelSpectrogram.SampleRate);
        if (start >= trackSamples)
            throw new AudioDecodeException(path, AudioErrorReason.OutOfRange,
                $"offset {offsetSeconds:0.###} s, the track lasts {stream.DurationSeconds:0.###} s");
        var length = Math.Min((long)Math.Round(durationSeconds * MelSpectrogram.SampleRate), trackSamples - start);
        var samples = await FfmpegPcmReader.ReadRangesAsync(path, stream, [new(start, Math.Max(length, 1))], _options, cancellationToken)
            .ConfigureAwait(false);
        if (samples.Length == 0)
            throw new AudioDecodeException(path, AudioErrorReason.Truncated,
                $"no audio at {offsetSeconds:0.###} s although the container announces {stream.DurationSeconds:0.###} s");
        return samples;
    }

    private async Task<float[]> DecodeWholeAsync(string path, AudioStreamInfo stream, SegmentPlan plan, CancellationToken cancellationToken)
    {
        var (audio, count) = await ReadAsync(new FfmpegPcmReader.DecodeRequest(path, stream, null), cancellationToken).ConfigureAwait(false);
        ThrowIfTruncated(path, stream, plan.TrackSamples - count);
        var samples = new float[plan.Count * plan.SegmentSamples];
        for (var i = 0; i < plan.Count; i++)
        {
            var start = (int)plan.StartSamples[i];
            var available = Math.Clamp(count - start, 0, plan.ValidSamples);
            audio.AsSpan(start, available).CopyTo(samples.AsSpan(i * plan.SegmentSamples));
        }
        return samples;
    }

    private async Task<float[]> DecodeSeekingAsync(string path, AudioStreamInfo stream, SegmentPlan plan, CancellationToken cancellationToken)
    {
        var ranges = plan.StartSamples.Select(start => new FfmpegPcmReader.SampleRange(start, plan.SegmentSamples)).ToArray();
        var (audio, count) = await ReadAsync(new FfmpegPcmReader.DecodeRequest(path, stream, ranges), cancellationToken).ConfigureAwait(false);
        var expected = plan.Count * plan.SegmentSamples;
        ThrowIfTruncated(path, stream, expected - count);
        // Segments do not overlap on this path (the track is longer than all segments together), so only the last
        // one can reach past the decoded end: its missing tail is the array's zeros.
        return audio.Length == expected ? audio : audio[..expected];
    }

    private Task<FfmpegPcmReader.Pcm> ReadAsync(FfmpegPcmReader.DecodeRequest request, CancellationToken cancellationToken) =>
        _libav is null ? _batcher.ReadAsync(request, cancellationToken) : _libav.ReadAsync(request, cancellationToken);

    private void ThrowIfTruncated(string path, AudioStreamInfo stream, long missingSamples)
    {
        if (missingSamples > _options.EndToleranceSeconds * MelSpectrogram.SampleRate)
            throw new AudioDecodeException(path, AudioErrorReason.Truncated,
                $"{missingSamples / (double)MelSpectrogram.SampleRate:0.###} s of the planned audio are missing although the container announces {stream.DurationSeconds:0.###} s");
    }

    private void ThrowIfSilent(string path, SegmentPlan plan, float[] samples)
    {
        var loudest = double.NegativeInfinity;
        for (var i = 0; i < plan.Count; i++)
        {
            var level = Loudness.RmsDbfsUntil(samples.AsSpan(i * plan.SegmentSamples, plan.ValidSamples), _options.SilenceThresholdDbfs);
            if (level >= _options.SilenceThresholdDbfs)
                return; // one segment loud enough: the track is not silent (its exact level is not needed)
            loudest = Math.Max(loudest, level);
        }
        if (loudest < _options.SilenceThresholdDbfs)
            throw new AudioDecodeException(path, AudioErrorReason.Silent, double.IsNegativeInfinity(loudest)
                ? "digital silence in every segment"
                : $"loudest segment {loudest:0.#} dBFS RMS, the threshold is {_options.SilenceThresholdDbfs:0.#} dBFS");
    }
}
