using System.Diagnostics;
using System.Globalization;
using TorchSharp;
using static TorchSharp.torch;

namespace Disambig.Audio.Benchmarks;

/// <summary>
/// Where one track's time goes: <c>--profile [--repeat R] FILE...</c> times each step of the extraction on its own,
/// R times per file, and prints a markdown table of wall ms, ffmpeg/ffprobe CPU ms and this process's CPU ms per step.
/// Steps: ffprobe, the probe as the extraction makes it (the file's header where exact), an ffmpeg start that decodes nothing, the plan's seek decode with soxr (the project's path), the
/// same ranges without resampling or channel averaging, the whole file with soxr (the Python peer's decode), the mel
/// of the plan's samples as before (TorchSharp's stft in double) and now (in-house real FFT), the whole extraction.
/// </summary>
internal static class TrackProfile
{
    public static async Task RunAsync(string[] args, TextWriter output)
    {
        var repeat = 5;
        var files = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--repeat") repeat = int.Parse(args[++i], CultureInfo.InvariantCulture);
            else files.Add(args[i]);
        }
        var options = new AudioOptions();
        var extractor = new TrackFeatureExtractor(options);
        output.WriteLine("| file | step | wall ms | ffmpeg/ffprobe CPU ms | own CPU ms |");
        output.WriteLine("|---|---|---|---|---|");
        foreach (var file in files)
        {
            var stream = await AudioProbe.ProbeAsync(file, options, CancellationToken.None);
            var plan = SegmentPlan.Create(file, stream.DurationSeconds, options);
            var ranges = plan.StartSamples.Select(s => new FfmpegPcmReader.SampleRange(s, plan.SegmentSamples)).ToArray();
            var samples = (await new TrackAudioDecoder(options).DecodeAsync(file, CancellationToken.None)).Samples;
            var raw = RawRanges(file, plan);
            var steps = new (string Name, Func<Task> Run)[]
            {
                ("ffprobe, only the needed fields", () => AudioProbe.ProbeWithFfprobeAsync(file, options, CancellationToken.None)),
                ("probe as extraction does (header for mp3 with a frame count, FLAC, Ogg, MP4 AAC; else ffprobe)", () => AudioProbe.ProbeAsync(file, options, CancellationToken.None)),
                ("ffmpeg start, nothing decoded", () => Ffmpeg(file, ["-nostdin", "-v", "error", "-f", "lavfi", "-i", "anullsrc=d=0.001", "-f", "f32le", "pipe:1"])),
                ("seek decode of the plan, soxr, mono (project)", () => FfmpegPcmReader.ReadRangesAsync(file, stream, ranges, options, CancellationToken.None)),
                ("seek decode of the plan, native rate, no filter", () => Ffmpeg(file, raw)),
                ("whole-file decode, soxr, mono (peer)", () => FfmpegPcmReader.ReadWholeAsync(file, stream, options, CancellationToken.None)),
                ("mel before: TorchSharp stft, double", () => Task.FromResult(TorchMel(samples, plan.Count))),
                ("mel now: in-house real FFT, float32, frames batched in vector lanes", () => Task.FromResult(MelSpectrogram.Compute(samples, plan.Count))),
                ("whole extraction (ExtractAsync)", () => extractor.ExtractAsync(file, CancellationToken.None)),
            };
            foreach (var (name, run) in steps)
            {
                await run(); // warm-up
                var total = new Usage();
                for (var r = 0; r < repeat; r++)
                    total += await MeasureAsync(run);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {Path.GetFileName(file)} ({stream.Codec}, {stream.DurationSeconds:F0} s) | {name} | {total.Wall / repeat:F0} | {total.Children / repeat:F0} | {total.Own / repeat:F0} |"));
            }
        }
    }

    private static string[] RawRanges(string file, SegmentPlan plan)
    {
        var arguments = new List<string> { "-nostdin", "-v", "error" };
        foreach (var start in plan.StartSamples)
            arguments.AddRange(["-ss", (start / (double)MelSpectrogram.SampleRate).ToString("F6", CultureInfo.InvariantCulture),
                "-t", (plan.SegmentSamples / (double)MelSpectrogram.SampleRate + 0.1).ToString("F6", CultureInfo.InvariantCulture), "-i", file]);
        var labels = string.Concat(plan.StartSamples.Select((_, i) => $"[{i}:a:0]"));
        arguments.AddRange(["-filter_complex", $"{labels}concat=n={plan.Count}:v=0:a=1[out]", "-map", "[out]", "-c:a", "pcm_f32le", "-f", "f32le", "pipe:1"]);
        return [.. arguments];
    }

    private static async Task Ffmpeg(string file, IReadOnlyList<string> arguments)
    {
        using var sink = new MemoryStream();
        var result = await FfmpegProcess.RunAsync(file, "", "ffmpeg", arguments, sink, TimeSpan.FromMinutes(5), new AudioOptions().SchedBatch, null, CancellationToken.None);
        if (result.ExitCode != 0)
            throw new InvalidOperationException(string.Join('\n', result.StandardError));
    }

    /// <summary>The mel as MelSpectrogram computed it before issue 14: TorchSharp's stft in double.</summary>
    private static float[] TorchMel(float[] samples, int segmentCount)
    {
        using var scope = NewDisposeScope();
        var audio = tensor(samples, [segmentCount, samples.Length / segmentCount]).to(float64);
        var window = hann_window(MelSpectrogram.FftSize, periodic: true, dtype: float64);
        var spectrum = stft(audio, MelSpectrogram.FftSize, MelSpectrogram.HopLength, MelSpectrogram.FftSize, window, center: true,
            pad_mode: PaddingModes.Constant, normalized: false, onesided: true, return_complex: true);
        var power = (spectrum.real.square() + spectrum.imag.square()).transpose(1, 2);
        var bank = tensor(MelFilterbank.Build(MelSpectrogram.SampleRate, MelSpectrogram.FftSize, MelSpectrogram.MelBands, 0, MelSpectrogram.SampleRate / 2.0),
            [MelSpectrogram.MelBands, MelSpectrogram.FftSize / 2 + 1]);
        return matmul(power, bank.t()).to(float32).contiguous().data<float>().ToArray();
    }

    private readonly record struct Usage(double Wall, double Children, double Own)
    {
        public static Usage operator +(Usage a, Usage b) => new(a.Wall + b.Wall, a.Children + b.Children, a.Own + b.Own);
    }

    private static async Task<Usage> MeasureAsync(Func<Task> run)
    {
        var self = Process.GetCurrentProcess();
        var childrenBefore = CpuTimeReport.ChildrenCpuMilliseconds();
        var ownBefore = self.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await run();
        clock.Stop();
        self.Refresh();
        return new Usage(clock.Elapsed.TotalMilliseconds, CpuTimeReport.ChildrenCpuMilliseconds() - childrenBefore,
            (self.TotalProcessorTime - ownBefore).TotalMilliseconds);
    }
}
