using System.Globalization;

namespace Disambig.Audio;

/// <summary>
/// Runs one ffmpeg process that writes mono float32 samples at 22 050 Hz to its standard output (never a file),
/// read to the end before the exit is awaited (<see cref="FfmpegProcess"/>), so the samples returned are exactly those
/// ffmpeg wrote. Channels are averaged with pan's normalised form (c0 &lt; c0+c1+...), because -ac 1 sums stereo with
/// gains of 1/sqrt(2). Resampling uses soxr, the library librosa uses. The process is awaited, or killed at once on
/// cancellation or timeout, before this returns.
/// </summary>
internal static class FfmpegPcmReader
{
    /// <summary>A span of the track in samples at 22 050 Hz.</summary>
    public readonly record struct SampleRange(long Start, long Length);

    /// <summary>All audio of the first audio stream.</summary>
    public static Task<float[]> ReadWholeAsync(string path, AudioStreamInfo info, AudioOptions options, CancellationToken cancellationToken) =>
        ExactAsync(ReadWholePcmAsync(path, info, options, cancellationToken));

    /// <summary>As <see cref="ReadWholeAsync"/>, without a copy: the samples in an array sized for the announced duration or more.</summary>
    public static Task<Pcm> ReadWholePcmAsync(string path, AudioStreamInfo info, AudioOptions options, CancellationToken cancellationToken) =>
        ReadPcmAsync(new DecodeRequest(path, info, null), options, null, cancellationToken);

    /// <summary>
    /// The given ranges, one after the other, each decoded from its own seeking input and cut to at most its length.
    /// A range that runs past the end of the audio comes back short.
    /// </summary>
    public static Task<float[]> ReadRangesAsync(string path, AudioStreamInfo info, IReadOnlyList<SampleRange> ranges, AudioOptions options, CancellationToken cancellationToken) =>
        ExactAsync(ReadRangesPcmAsync(path, info, ranges, options, cancellationToken));

    /// <summary>
    /// As <see cref="ReadRangesAsync"/>, without a copy: the samples ffmpeg wrote (<see cref="Pcm.Count"/>) in an array at
    /// least as long as all ranges together, zero after the written part.
    /// </summary>
    public static Task<Pcm> ReadRangesPcmAsync(string path, AudioStreamInfo info, IReadOnlyList<SampleRange> ranges, AudioOptions options, CancellationToken cancellationToken) =>
        ReadPcmAsync(new DecodeRequest(path, info, ranges), options, null, cancellationToken);

    /// <summary>Decoded samples: the first <paramref name="Count"/> of <paramref name="Samples"/>, zeros after them.</summary>
    public readonly record struct Pcm(float[] Samples, int Count);

    private static async Task<float[]> ExactAsync(Task<Pcm> read)
    {
        var (samples, count) = await read.ConfigureAwait(false);
        return samples.Length == count ? samples : samples[..count];
    }

    /// <summary>
    /// What one track needs decoded: the ranges of <see cref="ReadRangesPcmAsync"/>, or the whole first audio stream
    /// when <paramref name="Ranges"/> is null.
    /// </summary>
    public sealed record DecodeRequest(string Path, AudioStreamInfo Info, IReadOnlyList<SampleRange>? Ranges)
    {
        /// <summary>Samples expected: all ranges together, or the announced duration.</summary>
        public long ExpectedSamples => Ranges is null
            ? (long)(Info.DurationSeconds * MelSpectrogram.SampleRate)
            : Ranges.Sum(range => range.Length);

        /// <summary>ffmpeg inputs this track opens (one per range, or one).</summary>
        internal int InputCount => Ranges?.Count ?? 1;
    }

    /// <summary>
    /// As <see cref="ReadWholePcmAsync"/> or <see cref="ReadRangesPcmAsync"/>, as the request says, the process pinned by
    /// <paramref name="placement"/> when there is one.
    /// </summary>
    public static Task<Pcm> ReadPcmAsync(DecodeRequest request, AudioOptions options, CorePlacement? placement, CancellationToken cancellationToken)
    {
        if (request.Ranges is { Count: 0 })
            throw new ArgumentException("At least one range is needed.", nameof(request));
        return RunAsync(request.Path, Arguments(request), request.ExpectedSamples, options, placement, cancellationToken);
    }

    /// <summary>ffmpeg's arguments for decoding the whole first audio stream to standard output.</summary>
    public static IReadOnlyList<string> WholeArguments(string path, AudioStreamInfo info) =>
        Arguments(new DecodeRequest(path, info, null));

    private static IReadOnlyList<string> Arguments(DecodeRequest request) =>
        [.. Head, .. Inputs(request), .. Output(Graph(request, 0, "out"))];

    /// <summary>The inputs of one track: one seeking input per range, or the whole file.</summary>
    internal static IEnumerable<string> Inputs(DecodeRequest request)
    {
        // -threads 1: one decoding thread per input. ffmpeg's default gives frame-threaded decoders (FLAC) a thread per
        // core for each input, which on a worker already busy with one track per core only adds hand-overs (FLAC's ten
        // inputs on two cores: 130 instead of 145-155 ms of CPU); the samples are the same.
        if (request.Ranges is null)
            return ["-threads", "1", "-i", request.Path];
        // Input seeking (-ss before -i) is sample-accurate for audio; -t reads a little more so that the
        // resampler's output can be cut exactly by atrim.
        return request.Ranges.SelectMany(range => (string[])
            ["-threads", "1", "-ss", Seconds(range.Start), "-t", Seconds(range.Length + MelSpectrogram.SampleRate / 10), "-i", request.Path]);
    }

    /// <summary>
    /// The filter graph of one track whose inputs start at ffmpeg input <paramref name="firstInput"/>: mono at 22 050 Hz,
    /// each range cut to its length and the ranges concatenated, into the output pad <paramref name="label"/>.
    /// </summary>
    internal static string Graph(DecodeRequest request, int firstInput, string label)
    {
        var mono = ToMono(request.Info.Channels);
        if (request.Ranges is null)
            return $"[{firstInput}:a:0]{mono}[{label}]";
        var inputs = Enumerable.Range(firstInput, request.Ranges.Count).ToArray();
        var branches = request.Ranges.Select((range, i) => $"[{inputs[i]}:a:0]{mono},atrim=end_sample={range.Length}[s{inputs[i]}]");
        var labels = string.Concat(inputs.Select(i => $"[s{i}]"));
        return $"{string.Join(';', branches)};{labels}concat=n={request.Ranges.Count}:v=0:a=1[{label}]";
    }

    internal static readonly string[] Head = ["-nostdin", "-hide_banner", "-v", "error"];

    // -flush_packets 0: ffmpeg fills its 32 KiB output buffer before writing instead of writing every 4 KiB frame
    // (measured with strace: 25 writes instead of 242 per 9 s), so the reader wakes an eighth as often.
    private static string[] Output(string graph) =>
        ["-filter_complex", graph, "-map", "[out]", "-c:a", "pcm_f32le", "-flush_packets", "0", "-f", "f32le", "pipe:1"];

    private static string ToMono(int channels)
    {
        var average = channels > 1
            ? $"pan=mono|c0<{string.Join('+', Enumerable.Range(0, channels).Select(c => $"c{c}"))},"
            : "";
        return $"{average}aresample={MelSpectrogram.SampleRate}:resampler=soxr,aformat=sample_fmts=flt:channel_layouts=mono";
    }

    private static string Seconds(long samples) =>
        (samples / (double)MelSpectrogram.SampleRate).ToString("F6", CultureInfo.InvariantCulture);

    private static async Task<Pcm> RunAsync(string path, IReadOnlyList<string> arguments, long expectedSamples,
        AudioOptions options, CorePlacement? placement, CancellationToken cancellationToken)
    {
        // A failed read is a fault of this machine, not of the file: tried once more before it is reported (transient).
        using var buffer = new SampleSink((int)Math.Clamp(expectedSamples, 0, 1L << 28));
        for (var attempt = 1; ; attempt++)
        {
            buffer.Clear();
            try
            {
                var result = await FfmpegProcess.RunAsync(path, options.FfmpegFolder, "ffmpeg", arguments, buffer, options.DecodeTimeout, options.SchedBatch, placement, cancellationToken)
                    .ConfigureAwait(false);
                if (result.ExitCode != 0)
                    throw new AudioDecodeException(path, AudioErrorReason.Corrupt,
                        FfmpegSettings.LastLine(result.StandardError, $"ffmpeg exited with code {result.ExitCode}"));
            }
            catch (AudioReadException) when (attempt < 2)
            {
                continue;
            }
            return new Pcm(buffer.Samples, buffer.Count);
        }
    }
}
