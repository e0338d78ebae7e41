using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using Disambig.Audio;

namespace Disambig.Audio.Benchmarks;

/// <summary>
/// The audio front end on generated music-like mp3 tracks (stereo, 44.1 kHz, 192 kbit/s): a whole track
/// (probe + plan + decode + mel), decoding alone by each strategy, and the mel of ten 9 s segments alone.
/// Tracks per second = 1 / mean; segments per second = 10 / mean of <see cref="Mel_TenSegments"/>.
/// </summary>
[MemoryDiagnoser]
public class AudioFrontEndBenchmarks
{
    private readonly string _folder = Directory.CreateTempSubdirectory("disambig-audio-bench-").FullName;
    private string _track = "";
    private float[] _segments = [];
    private TrackFeatureExtractor _seekingExtractor = null!;
    private TrackFeatureExtractor _wholeExtractor = null!;
    private TrackAudioDecoder _seekingDecoder = null!;
    private TrackAudioDecoder _wholeDecoder = null!;

    /// <summary>Track length in seconds: the 4-minute track.</summary>
    [Params(240)]
    public int TrackSeconds { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _track = Path.Combine(_folder, $"track-{TrackSeconds}s.mp3");
        MakeMusicLikeMp3(_track, TrackSeconds);
        var seeking = new AudioOptions { WholeFileDecodeMaxRatio = 1 };
        var whole = new AudioOptions { WholeFileDecodeMaxRatio = 1000 };
        _seekingExtractor = new TrackFeatureExtractor(seeking);
        _wholeExtractor = new TrackFeatureExtractor(whole);
        _seekingDecoder = new TrackAudioDecoder(seeking);
        _wholeDecoder = new TrackAudioDecoder(whole);
        _segments = _wholeDecoder.DecodeAsync(_track, CancellationToken.None).GetAwaiter().GetResult().Samples;
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_folder, recursive: true);

    [Benchmark(Description = "track: probe+plan+seek-decode+mel")]
    public Task<TrackFeatures> Track_SeekingPlan() => _seekingExtractor.ExtractAsync(_track, CancellationToken.None);

    [Benchmark(Description = "track: probe+plan+whole-decode+mel")]
    public Task<TrackFeatures> Track_WholeFile() => _wholeExtractor.ExtractAsync(_track, CancellationToken.None);

    [Benchmark(Description = "decode: seek the 10 segments")]
    public Task<DecodedTrack> Decode_SeekingPlan() => _seekingDecoder.DecodeAsync(_track, CancellationToken.None);

    [Benchmark(Description = "decode: whole file, slice")]
    public Task<DecodedTrack> Decode_WholeFile() => _wholeDecoder.DecodeAsync(_track, CancellationToken.None);

    [Benchmark(Description = "mel: 10 segments of 9 s")]
    public float[] Mel_TenSegments() => MelSpectrogram.Compute(_segments, 10);

    internal static void MakeMusicLikeMp3(string path, int seconds)
    {
        // Notes with decaying envelopes over a changing bass, plus a little pink noise.
        var notes = "0.25*sin(2*PI*(220+55*floor(mod(t\\,4)))*t)*exp(-4*mod(t\\,0.5))"
                    + "+0.12*sin(2*PI*3*(220+55*floor(mod(t\\,4)))*t)*exp(-6*mod(t\\,0.5))+0.2*sin(2*PI*55*t)";
        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true };
        foreach (var argument in new[]
                 {
                     "-v", "error", "-y", "-f", "lavfi", "-i", $"aevalsrc={notes}:s=44100:d={seconds}",
                     "-f", "lavfi", "-i", $"anoisesrc=d={seconds}:c=pink:r=44100:a=0.01:seed=3",
                     "-filter_complex", "amix=inputs=2:normalize=0", "-ac", "2", "-c:a", "libmp3lame", "-b:a", "192k", path,
                 })
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"ffmpeg could not make {path}: {error}");
    }
}
