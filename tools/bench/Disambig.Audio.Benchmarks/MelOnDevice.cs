using System.Diagnostics;
using System.Globalization;
using TorchSharp;
using static TorchSharp.torch;

namespace Disambig.Audio.Benchmarks;

/// <summary>
/// Issue 14, part 3: the mel computed where the network runs (the inference silo) from the 16-bit PCM a worker would
/// send, against the worker's CPU mel. <c>--mel-device [--device cpu|cuda] [--tracks N] [--batch B] FILE</c> decodes FILE's
/// plan once, then times B tracks at a time: the int16 PCM copied to the device, converted to float32, a batched
/// centred STFT (periodic Hann 1024, hop 512, zero padding), power, the 128 Slaney bands by one matrix product, and
/// the float16 mel the network takes; plus the worker's path for comparison (<see cref="MelSpectrogram"/>, double,
/// batched lanes). Prints tracks/s, this process's CPU ms per track, bytes per track of either message, and the
/// device mel's agreement with the CPU mel of the same int16 samples and of the float32 samples the worker decodes
/// (max and median relative difference on bands within 60 dB of the segment's peak).
/// </summary>
internal static class MelOnDevice
{
    public static async Task RunAsync(string[] args, TextWriter output)
    {
        var deviceName = "cuda";
        var tracks = 64;
        var batch = 16;
        string? file = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--device": deviceName = args[++i]; break;
                case "--tracks": tracks = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--batch": batch = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                default: file = args[i]; break;
            }
        }
        if (file is null)
            throw new ArgumentException("--mel-device needs an audio file.");
        var device = deviceName == "cuda" && !cuda.is_available() ? throw new ArgumentException("CUDA is not available here; use --device cpu.") : new Device(deviceName);

        var track = await new TrackAudioDecoder(new AudioOptions()).DecodeAsync(file, CancellationToken.None);
        var segments = track.Plan.Count;
        var segmentSamples = track.Plan.SegmentSamples;
        var pcm = new short[batch * track.Samples.Length];
        for (var t = 0; t < batch; t++)
            for (var n = 0; n < track.Samples.Length; n++)
                pcm[t * track.Samples.Length + n] = (short)Math.Clamp(MathF.Round(track.Samples[n] * 32768f), short.MinValue, short.MaxValue);
        var cpuMel = MelSpectrogram.Compute(track.Samples, segments);
        var frames = MelSpectrogram.FrameCount(segmentSamples);

        using var bank = tensor(MelFilterbank.Build(MelSpectrogram.SampleRate, MelSpectrogram.FftSize, MelSpectrogram.MelBands, 0, MelSpectrogram.SampleRate / 2.0),
            [MelSpectrogram.MelBands, MelSpectrogram.FftSize / 2 + 1], dtype: float32, device: device).t().contiguous();
        using var window = hann_window(MelSpectrogram.FftSize, periodic: true, dtype: float32, device: device);

        Tensor Mel(short[] host)
        {
            using var scope = NewDisposeScope();
            var audio = tensor(host, [batch * segments, segmentSamples]).to(device).to(float32).div_(32768f);
            var spectrum = stft(audio, MelSpectrogram.FftSize, MelSpectrogram.HopLength, MelSpectrogram.FftSize, window, center: true,
                pad_mode: PaddingModes.Constant, normalized: false, onesided: true, return_complex: true);
            var power = (spectrum.real.square() + spectrum.imag.square()).transpose(1, 2);
            return matmul(power, bank).to(float16).MoveToOuterDisposeScope();
        }

        // Agreement of one device track with the worker's mel, in float32 before the float16 rounding.
        double[] relative, withQuantisation;
        using (var scope = NewDisposeScope())
        {
            var audio = tensor(pcm.AsSpan(0, track.Samples.Length).ToArray(), [segments, segmentSamples]).to(device).to(float32).div_(32768f);
            var spectrum = stft(audio, MelSpectrogram.FftSize, MelSpectrogram.HopLength, MelSpectrogram.FftSize, window, center: true,
                pad_mode: PaddingModes.Constant, normalized: false, onesided: true, return_complex: true);
            var deviceMel = matmul((spectrum.real.square() + spectrum.imag.square()).transpose(1, 2), bank).cpu().data<float>().ToArray();
            var reference = MelSpectrogram.Compute(pcm.AsSpan(0, track.Samples.Length).ToArray().Select(s => s / 32768f).ToArray(), segments);
            relative = Relative(reference, deviceMel, segments, frames * MelSpectrogram.MelBands);
            withQuantisation = Relative(cpuMel, deviceMel, segments, frames * MelSpectrogram.MelBands);
        }

        Mel(pcm).Dispose(); // warm-up
        if (device.type == DeviceType.CUDA) cuda.synchronize();
        var self = Process.GetCurrentProcess();
        var cpuBefore = self.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var done = 0;
        for (; done < tracks; done += batch)
            Mel(pcm).Dispose();
        if (device.type == DeviceType.CUDA) cuda.synchronize();
        var deviceSeconds = clock.Elapsed.TotalSeconds;
        self.Refresh();
        var deviceCpu = (self.TotalProcessorTime - cpuBefore).TotalMilliseconds;

        cpuBefore = self.TotalProcessorTime;
        clock.Restart();
        for (var t = 0; t < tracks; t++)
            MelSpectrogram.Compute(track.Samples, segments, cpuMel);
        var workerSeconds = clock.Elapsed.TotalSeconds;
        self.Refresh();
        var workerCpu = (self.TotalProcessorTime - cpuBefore).TotalMilliseconds;

        Array.Sort(relative);
        Array.Sort(withQuantisation);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"mel on {device} from int16 PCM: tracks/s {done / deviceSeconds:F1} cpu-ms/track {deviceCpu / done:F2} batch {batch} tracks {done} pcm-bytes/track {segments * segmentSamples * 2}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"mel on the worker CPU (double, batched lanes): tracks/s {tracks / workerSeconds:F1} cpu-ms/track {workerCpu / tracks:F2} float16-mel-bytes/track {cpuMel.Length * 2} float32-mel-bytes/track {cpuMel.Length * 4}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"device float32 mel against the worker's of the same int16 samples, bands within 60 dB of the segment peak: max relative {relative[^1]:E2} median {relative[relative.Length / 2]:E2} ({relative.Length} bands)"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"the same against the worker's mel of the float32 samples (int16 rounding included): max relative {withQuantisation[^1]:E2} median {withQuantisation[withQuantisation.Length / 2]:E2} ({withQuantisation.Length} bands)"));
    }

    private static double[] Relative(float[] reference, float[] candidate, int segments, int perSegment)
    {
        var values = new List<double>();
        for (var s = 0; s < segments; s++)
        {
            var r = reference.AsSpan(s * perSegment, perSegment);
            var c = candidate.AsSpan(s * perSegment, perSegment);
            var floor = 1e-6 * PeakOf(r);
            for (var i = 0; i < r.Length; i++)
                if (r[i] > floor)
                    values.Add(Math.Abs(c[i] - r[i]) / r[i]);
        }
        return [.. values];
    }

    private static double PeakOf(ReadOnlySpan<float> values)
    {
        var max = 0f;
        foreach (var v in values)
            max = Math.Max(max, v);
        return max;
    }
}
