namespace Disambig.Audio;

/// <summary>
/// The audio front end in one call: file to the mel spectrograms of its planned segments. Thread-safe; one instance
/// can serve concurrent requests, and concurrent requests share ffmpeg processes (<see cref="AudioOptions.BatchTracks"/>). Free of Orleans so that grains, the CLI and benchmarks share it.
/// </summary>
public sealed class TrackFeatureExtractor
{
    private readonly TrackAudioDecoder _decoder;

    /// <summary>Creates an extractor; validates <paramref name="options"/>.</summary>
    public TrackFeatureExtractor(AudioOptions options) => _decoder = new TrackAudioDecoder(options);

    /// <summary>ffmpeg processes this extractor has started for several tracks at once.</summary>
    internal int SharedRuns => _decoder.SharedRuns;

    /// <summary>ffmpeg runs of this extractor's batching front so far, shared or of one track.</summary>
    internal int Runs => _decoder.Runs;

    /// <summary>Where this extractor's ffmpeg processes are pinned; null: not pinned.</summary>
    internal CorePlacement? Placement => _decoder.Placement;

    /// <summary>Decodes the track's planned segments and computes their mel spectrograms.</summary>
    /// <exception cref="AudioDecodeException">The file yields no features; the reason says why.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; no ffmpeg process is left running.</exception>
    public async Task<TrackFeatures> ExtractAsync(string path, CancellationToken cancellationToken)
    {
        var track = await _decoder.DecodeAsync(path, cancellationToken).ConfigureAwait(false);
        float[] mel;
        using (AudioTelemetry.Source.StartActivity("mel"))
            mel = MelSpectrogram.Compute(track.Samples, track.Plan.Count);
        return new TrackFeatures(path, track.Stream, track.Plan, track.Strategy, mel);
    }

    /// <summary>
    /// Mel spectrogram of one excerpt, clipped to the end of the track: [frames, 128] with frames = 1 + samples / 512.
    /// </summary>
    public async Task<float[]> ExtractExcerptAsync(string path, double offsetSeconds, double durationSeconds, CancellationToken cancellationToken)
    {
        var samples = await _decoder.DecodeExcerptAsync(path, offsetSeconds, durationSeconds, cancellationToken).ConfigureAwait(false);
        return MelSpectrogram.Compute(samples, 1);
    }
}
