using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Disambig.Audio;

/// <summary>
/// Log-free mel power spectrogram with the project's fixed conventions (librosa.feature.melspectrogram defaults
/// for these settings): 22 050 Hz, periodic Hann window of 1024 samples, hop 512, centred frames with 512 zeros
/// of padding on each side, power |X|^2, 128 Slaney bands from 0 to 11 025 Hz with Slaney area normalisation.
/// The log compression log(1 + 10 x) belongs to the network. The spectrum is an in-house real FFT
/// (<see cref="RealFft1024"/>, float32, within 1e-3 of the exact mel on bands within 60 dB of a frame's peak) over
/// every frame of every segment, batched several frames per vector instruction with each frame's arithmetic unchanged,
/// and the mel is a sparse product with the filterbank's non-zero weights. Thread-safe: the scratch buffers are per
/// thread and reused across calls.
/// </summary>
public static class MelSpectrogram
{
    /// <summary>Sample rate of all decoded audio, Hz.</summary>
    public const int SampleRate = 22050;

    /// <summary>FFT and window length in samples (46 ms).</summary>
    public const int FftSize = 1024;

    /// <summary>Hop between frames in samples (50 % overlap).</summary>
    public const int HopLength = 512;

    /// <summary>Number of mel bands.</summary>
    public const int MelBands = 128;

    private const int Bins = FftSize / 2 + 1;

    private static readonly SparseBank Bank =
        SparseBank.Of(MelFilterbank.Build(SampleRate, FftSize, MelBands, fminHz: 0, fmaxHz: SampleRate / 2.0));

    private static readonly float[] Window = PeriodicHann(FftSize);

    [ThreadStatic] private static float[]? _frames;
    [ThreadStatic] private static Vector<float>[]? _power;

    /// <summary>Frames of a centred STFT over <paramref name="samples"/> samples: 1 + samples / hop (9 s: 388).</summary>
    public static int FrameCount(long samples) => checked((int)(1 + samples / HopLength));

    /// <summary>
    /// Mel spectrogram of <paramref name="segmentCount"/> equally long segments stored one after the other.
    /// </summary>
    /// <param name="samples">[segmentCount, segmentSamples] mono audio at 22 050 Hz, row-major.</param>
    /// <param name="segmentCount">Number of segments in <paramref name="samples"/>.</param>
    /// <returns>[segmentCount, frames, 128] mel power, row-major float32.</returns>
    public static float[] Compute(float[] samples, int segmentCount)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var mel = new float[OutputLength(samples.Length, segmentCount)];
        Compute(samples, segmentCount, mel);
        return mel;
    }

    /// <summary>Number of floats <see cref="Compute(ReadOnlySpan{float}, int, Span{float})"/> writes.</summary>
    public static int OutputLength(int sampleCount, int segmentCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(segmentCount, 1);
        if (sampleCount % segmentCount != 0 || sampleCount == 0)
            throw new ArgumentException($"{sampleCount} samples do not split into {segmentCount} equal non-empty segments.", nameof(sampleCount));
        return checked(segmentCount * FrameCount(sampleCount / segmentCount) * MelBands);
    }

    /// <summary>
    /// As <see cref="Compute(float[], int)"/>, into <paramref name="mel"/> (length <see cref="OutputLength"/>), so that
    /// a caller can reuse its buffers across tracks.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot loops: optimised from the first track, no tier-0 pass
    public static void Compute(ReadOnlySpan<float> samples, int segmentCount, Span<float> mel)
    {
        var length = OutputLength(samples.Length, segmentCount);
        if (mel.Length != length)
            throw new ArgumentException($"The output needs {length} floats, not {mel.Length}.", nameof(mel));
        var segmentSamples = samples.Length / segmentCount;
        var frames = FrameCount(segmentSamples);
        var lanes = RealFft1024.Lanes;
        var frame = _frames ??= new float[lanes * FftSize];
        var power = _power ??= new Vector<float>[Bins];
        // Every frame of every segment in turn, Lanes frames per transform; a last, partial batch pads with silence.
        var total = segmentCount * frames;
        for (var first = 0; first < total; first += lanes)
        {
            for (var lane = 0; lane < lanes; lane++)
            {
                var job = first + lane;
                var laneFrame = frame.AsSpan(lane * FftSize, FftSize);
                if (job < total)
                    Windowed(samples.Slice(job / frames * segmentSamples, segmentSamples), job % frames * HopLength - FftSize / 2, laneFrame);
                else
                    laneFrame.Clear();
            }
            RealFft1024.Power(frame, power);
            Bank.Apply(power, mel.Slice(first * MelBands, Math.Min(lanes, total - first) * MelBands));
        }
    }

    /// <summary>The 1024 samples from <paramref name="start"/> (zeros outside the segment) times the window.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot loops: optimised from the first track, no tier-0 pass
    private static void Windowed(ReadOnlySpan<float> segment, int start, Span<float> frame)
    {
        var from = Math.Max(0, -start);
        var to = Math.Min(FftSize, segment.Length - start);
        if (from == 0 && to == FftSize)
        {
            // A frame inside the segment (all but the edge frames): the samples times the window, a vector at a time.
            var source = MemoryMarshal.Cast<float, Vector<float>>(segment.Slice(start, FftSize));
            var window = MemoryMarshal.Cast<float, Vector<float>>(Window);
            var target = MemoryMarshal.Cast<float, Vector<float>>(frame);
            for (var v = 0; v < source.Length; v++)
                target[v] = source[v] * window[v];
            return;
        }
        frame[..Math.Max(0, Math.Min(from, FftSize))].Clear();
        for (var n = from; n < to; n++)
            frame[n] = segment[start + n] * Window[n];
        if (to < FftSize)
            frame[Math.Max(to, 0)..].Clear();
    }

    private static float[] PeriodicHann(int length)
    {
        var window = new float[length];
        for (var n = 0; n < length; n++)
            window[n] = (float)(0.5 - 0.5 * Math.Cos(2 * Math.PI * n / length));
        return window;
    }

    /// <summary>The filterbank's non-zero weights: each band's first bin and its run of weights.</summary>
    private sealed class SparseBank(int[] first, float[][] weights)
    {
        public static SparseBank Of(double[] dense)
        {
            var first = new int[MelBands];
            var weights = new float[MelBands][];
            for (var m = 0; m < MelBands; m++)
            {
                var row = dense.AsSpan(m * Bins, Bins);
                var lo = row.IndexOfAnyExcept(0.0);
                var hi = row.LastIndexOfAnyExcept(0.0);
                first[m] = Math.Max(lo, 0);
                weights[m] = lo < 0 ? [] : [.. row[lo..(hi + 1)].ToArray().Select(w => (float)w)];
            }
            return new SparseBank(first, weights);
        }

        /// <summary>
        /// The bands of the frames in the lanes of <paramref name="power"/> (bin k of frame i: lane i of power[k]), frame
        /// i to <paramref name="bands"/>[i * 128, (i + 1) * 128); as many frames as <paramref name="bands"/> holds.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot loops: optimised from the first track, no tier-0 pass
        public void Apply(ReadOnlySpan<Vector<float>> power, Span<float> bands)
        {
            var frames = bands.Length / MelBands;
            for (var m = 0; m < MelBands; m++)
            {
                var w = weights[m];
                var p = power.Slice(first[m], w.Length);
                var sum = Vector<float>.Zero;
                for (var k = 0; k < w.Length; k++)
                    sum += new Vector<float>(w[k]) * p[k];
                for (var lane = 0; lane < frames; lane++)
                    bands[lane * MelBands + m] = sum[lane];
            }
        }
    }
}
