using System.Globalization;
using System.Runtime.InteropServices;
using FFMpegCore;
using FFMpegCore.Enums;
using FFMpegCore.Pipes;

namespace Disambig.Audio;

/// <summary>
/// Runs one ffmpeg process that writes mono float32 samples at 22 050 Hz to a pipe (never a file). Channels are
/// averaged with pan's normalised form (c0 &lt; c0+c1+...), because -ac 1 sums stereo with gains of 1/sqrt(2).
/// Resampling uses soxr, the library librosa uses. The process is awaited, or killed at once on cancellation or
/// timeout, before this returns.
/// </summary>
internal static class FfmpegPcmReader
{
    // The sink copies the pipe in blocks of this size; FFMpegCore's default of 4 KiB costs thousands of reads per track.
    private const int ReadBlockBytes = 1 << 18;

    /// <summary>A span of the track in samples at 22 050 Hz.</summary>
    public readonly record struct SampleRange(long Start, long Length);

    /// <summary>All audio of the first audio stream.</summary>
    public static Task<float[]> ReadWholeAsync(string path, AudioStreamInfo info, AudioOptions options, CancellationToken cancellationToken)
    {
        var arguments = FFMpegArguments.FromFileInput(path, verifyExists: false, _ => { });
        var graph = $"[0:a:0]{ToMono(info.Channels)}[out]";
        var expected = (long)(info.DurationSeconds * MelSpectrogram.SampleRate);
        return RunAsync(path, arguments, graph, expected, options, cancellationToken);
    }

    /// <summary>
    /// The given ranges, one after the other, each decoded from its own seeking input and cut to at most its length.
    /// A range that runs past the end of the audio comes back short.
    /// </summary>
    public static Task<float[]> ReadRangesAsync(string path, AudioStreamInfo info, IReadOnlyList<SampleRange> ranges, AudioOptions options, CancellationToken cancellationToken)
    {
        FFMpegArguments? arguments = null;
        foreach (var range in ranges)
        {
            // Input seeking (-ss before -i) is sample-accurate for audio; -t reads a little more so that the
            // resampler's output can be cut exactly by atrim.
            var seek = $"-ss {Seconds(range.Start)} -t {Seconds(range.Length + MelSpectrogram.SampleRate / 10)}";
            arguments = arguments is null
                ? FFMpegArguments.FromFileInput(path, verifyExists: false, o => o.WithCustomArgument(seek))
                : arguments.AddFileInput(path, verifyExists: false, o => o.WithCustomArgument(seek));
        }
        if (arguments is null)
            throw new ArgumentException("At least one range is needed.", nameof(ranges));

        var branches = ranges.Select((range, i) => $"[{i}:a:0]{ToMono(info.Channels)},atrim=end_sample={range.Length}[s{i}]");
        var labels = string.Concat(ranges.Select((_, i) => $"[s{i}]"));
        var graph = $"{string.Join(';', branches)};{labels}concat=n={ranges.Count}:v=0:a=1[out]";
        var expected = ranges.Sum(range => range.Length);
        return RunAsync(path, arguments, graph, expected, options, cancellationToken);
    }

    private static AudioDecodeException TimedOut(string path, AudioOptions options) =>
        new(path, AudioErrorReason.Timeout, $"ffmpeg took longer than {options.DecodeTimeout.TotalSeconds:0.###} s");

    private static string ToMono(int channels)
    {
        var average = channels > 1
            ? $"pan=mono|c0<{string.Join('+', Enumerable.Range(0, channels).Select(c => $"c{c}"))},"
            : "";
        return $"{average}aresample={MelSpectrogram.SampleRate}:resampler=soxr,aformat=sample_fmts=flt:channel_layouts=mono";
    }

    private static string Seconds(long samples) =>
        (samples / (double)MelSpectrogram.SampleRate).ToString("F6", CultureInfo.InvariantCulture);

    private static async Task<float[]> RunAsync(string path, FFMpegArguments arguments, string graph, long expectedSamples,
        AudioOptions options, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.DecodeTimeout);
        using var buffer = new MemoryStream((int)Math.Clamp(expectedSamples * sizeof(float), 0, 1L << 30));
        FFMpegResult result;
        try
        {
            // Inside the try: CancellableThrough itself throws when the timeout has already fired (a slow start).
            var processor = arguments
                .OutputToPipe(new StreamPipeSink(buffer) { Format = "f32le", BlockSize = ReadBlockBytes },
                    o => o.WithCustomArgument($"-filter_complex \"{graph}\" -map \"[out]\" -c:a pcm_f32le"))
                .WithLogLevel(FFMpegLogLevel.Error)
                .CancellableThrough(timeout.Token, TimeSpan.Zero);
            // The token also goes to the run itself (FFMpegCore's per-run cancellation), in case it fires between
            // CancellableThrough's registration and the start of the process.
            timeout.Token.ThrowIfCancellationRequested();
            result = await processor.ProcessAsynchronously(false, FfmpegSettings.For(options), timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw TimedOut(path, options);
        }
        if (result.Cancelled || timeout.IsCancellationRequested)
        {
            cancellationToken.ThrowIfCancellationRequested();
            throw TimedOut(path, options);
        }
        if (!result.Success)
            throw new AudioDecodeException(path, AudioErrorReason.Corrupt,
                FfmpegSettings.LastLine(result.StandardError, $"ffmpeg exited with code {result.ExitCode}"));

        // f32le is the machine's own float layout on the little-endian platforms this runs on.
        var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length / sizeof(float) * sizeof(float));
        return MemoryMarshal.Cast<byte, float>(bytes).ToArray();
    }
}
