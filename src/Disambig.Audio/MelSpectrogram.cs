using TorchSharp;
using static TorchSharp.torch;

namespace Disambig.Audio;

/// <summary>
/// Log-free mel power spectrogram with the project's fixed conventions (librosa.feature.melspectrogram defaults
/// for these settings): 22 050 Hz, periodic Hann window of 1024 samples, hop 512, centred frames with 512 zeros
/// of padding on each side, power |X|^2, 128 Slaney bands from 0 to 11 025 Hz with Slaney area normalisation.
/// The log compression log(1 + 10 x) belongs to the network. The STFT is TorchSharp's, computed in double so
/// that bands 80 dB below a frame's peak keep float32 accuracy; only the result is rounded to float32.
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

    private static readonly double[] Filterbank =
        MelFilterbank.Build(SampleRate, FftSize, MelBands, fminHz: 0, fmaxHz: SampleRate / 2.0);

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
        ArgumentOutOfRangeException.ThrowIfLessThan(segmentCount, 1);
        if (samples.Length % segmentCount != 0 || samples.Length == 0)
            throw new ArgumentException($"{samples.Length} samples do not split into {segmentCount} equal non-empty segments.", nameof(samples));

        using var scope = NewDisposeScope();
        var audio = tensor(samples, [segmentCount, samples.Length / segmentCount]).to(float64);
        var window = hann_window(FftSize, periodic: true, dtype: float64);
        var spectrum = stft(audio, FftSize, HopLength, FftSize, window, center: true,
            pad_mode: PaddingModes.Constant, normalized: false, onesided: true, return_complex: true);
        // [segments, bins, frames] viewed as [segments, frames, bins], which is stft's memory order, so the product
        // with the transposed filterbank comes out as [segments, frames, bands] without a copy.
        var power = (spectrum.real.square() + spectrum.imag.square()).transpose(1, 2);
        var bank = tensor(Filterbank, [MelBands, FftSize / 2 + 1]);
        var mel = matmul(power, bank.t()).to(float32).contiguous();
        return mel.data<float>().ToArray();
    }
}
