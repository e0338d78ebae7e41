namespace Disambig.Audio.Tests;

/// <summary>
/// The silence check stops reading a segment once it is known to be loud enough (issue 14, sixth round); its decision,
/// and the level it reports for a silent track, must be those of the full measure.
/// </summary>
public sealed class LoudnessTests
{
    [Theory]
    [InlineData(0.5, -60)]
    [InlineData(0.001, -60)] // about -63 dBFS: below the threshold, read to the end
    [InlineData(0.0011, -60)] // about -62 dBFS
    [InlineData(0.0015, -60)] // about -60 dBFS, close above
    [InlineData(0.3, -120)]
    [InlineData(0.3, 0)] // never reached: the full level
    public void RmsDbfsUntil_AgreesWithTheFullMeasureOnBothSidesOfTheThreshold(double amplitude, double threshold)
    {
        var random = new Random(5);
        var samples = new float[198_450];
        for (var i = 0; i < samples.Length; i++)
            samples[i] = (float)(amplitude * (2 * random.NextDouble() - 1) * Math.Sqrt(3));
        var full = Loudness.RmsDbfs(samples);

        var level = Loudness.RmsDbfsUntil(samples, threshold);

        Assert.Equal(full >= threshold, level >= threshold);
        if (full < threshold)
            Assert.Equal(full, level);
    }

    [Fact]
    public void RmsDbfsUntil_QuietStartLoudEnd_IsLoudEnoughAndSilenceIsMinusInfinity()
    {
        var samples = new float[50_000];
        samples.AsSpan(45_000).Fill(0.5f);

        Assert.True(Loudness.RmsDbfsUntil(samples, -60) >= -60);
        Assert.Equal(double.NegativeInfinity, Loudness.RmsDbfsUntil(new float[10_000], -60));
        Assert.Equal(double.NegativeInfinity, Loudness.RmsDbfsUntil([], -60));
    }
}
