namespace Disambig.Embedding.Networks;

/// <summary>
/// The mel spectrogram a network was trained on. A checkpoint records it, and loading refuses a model whose
/// settings differ from the features the running code computes.
/// </summary>
/// <param name="SampleRate">Audio sample rate in Hz (paper: 22 050).</param>
/// <param name="MelBands">Number of mel filters (paper: 128).</param>
/// <param name="WindowSize">Hann window length in samples (paper: 1024, about 46 ms).</param>
/// <param name="HopSize">Hop between frames in samples (paper: 512, 50 % overlap).</param>
public sealed record MelSettings(int SampleRate, int MelBands, int WindowSize, int HopSize)
{
    /// <summary>Section 4.2 of the paper: 22 050 Hz, 128 mel bands, 1024-sample Hann window, hop 512.</summary>
    public static MelSettings Paper { get; } = new(22_050, 128, 1024, 512);

    /// <summary>Frames of a centred STFT over <paramref name="seconds"/> of audio: 388 for 9 s, 130 for 3 s.</summary>
    public int FramesFor(int seconds)
    {
        if (seconds <= 0) throw new ArgumentOutOfRangeException(nameof(seconds), seconds, "Segment length must be positive.");
        return seconds * SampleRate / HopSize + 1;
    }
}
