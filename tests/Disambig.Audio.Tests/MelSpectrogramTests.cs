namespace Disambig.Audio.Tests;

public sealed class MelSpectrogramTests
{
    [Theory]
    [InlineData(198450, 388)]
    [InlineData(66150, 130)]
    [InlineData(1, 1)]
    [InlineData(512, 2)]
    public void FrameCount_CentredFrames_IsOnePlusSamplesOverHop(int samples, int frames) =>
        Assert.Equal(frames, MelSpectrogram.FrameCount(samples));

    [Fact]
    public void Compute_ShortNoise_MatchesDirectDftReferenceIncludingEdges()
    {
        var signal = Noise(seed: 7, length: 5000);
        var mel = MelSpectrogram.Compute(signal, 1);

        Assert.Equal(MelSpectrogram.FrameCount(5000) * 128, mel.Length);
        var reference = DirectMelReference.Compute(signal, 0, MelSpectrogram.FrameCount(5000));
        DirectMelReference.AssertAgrees(reference, mel, 0);
    }

    [Fact]
    public void Compute_SeveralSegments_TransformsEachSegmentOnItsOwn()
    {
        var first = Noise(seed: 1, length: 3000);
        var second = Tone(440, 3000);
        var both = MelSpectrogram.Compute([.. first, .. second], 2);

        Assert.Equal(MelSpectrogram.Compute(first, 1), both.AsSpan(0, both.Length / 2).ToArray());
        Assert.Equal(MelSpectrogram.Compute(second, 1), both.AsSpan(both.Length / 2).ToArray());
    }

    [Theory]
    [InlineData(250)]
    [InlineData(1000)]
    [InlineData(4000)]
    [InlineData(9000)]
    public void Compute_PureTone_PeaksInTheBandCentredNearestTheTone(double hz)
    {
        var mel = MelSpectrogram.Compute(Tone(hz, 22050), 1);
        var edges = MelFilterbank.BandEdgesHz(128, 0, 11025);
        var expected = Enumerable.Range(0, 128).MinBy(m => Math.Abs(edges[m + 1] - hz));

        var middle = mel.AsSpan(20 * 128, 128).ToArray();
        Assert.Equal(expected, Array.IndexOf(middle, middle.Max()));
    }

    [Fact]
    public void Compute_ConstantSignal_PadsWithZerosNotReflection()
    {
        // Reflect padding would make every frame of a constant signal alike; zero padding halves the first window's content.
        var signal = Enumerable.Repeat(1f, 8192).ToArray();
        var mel = MelSpectrogram.Compute(signal, 1);

        Assert.InRange(mel[0] / mel[5 * 128], 0, 0.8);
        var reference = DirectMelReference.Compute(signal, 0, 2);
        DirectMelReference.AssertAgrees(reference, mel, 0);
    }

    private static float[] Noise(int seed, int length)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, length).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
    }

    private static float[] Tone(double hz, int length) =>
        Enumerable.Range(0, length).Select(n => (float)(0.5 * Math.Sin(2 * Math.PI * hz * n / 22050))).ToArray();
}
