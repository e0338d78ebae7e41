namespace Disambig.Audio.Tests;

public sealed class MelFilterbankTests
{
    private const int Bins = 513;
    private static readonly double[] Bank = MelFilterbank.Build(22050, 1024, 128, 0, 11025);
    private static readonly double[] Edges = MelFilterbank.BandEdgesHz(128, 0, 11025);

    [Theory]
    [InlineData(0, 0)]
    [InlineData(200, 3)]
    [InlineData(1000, 15)]
    [InlineData(6400, 42)]
    public void HzToMel_SlaneyScale_IsLinearBelow1kHzAndLogAbove(double hz, double mel) =>
        Assert.Equal(mel, MelFilterbank.HzToMel(hz), 12);

    [Theory]
    [InlineData(55)]
    [InlineData(999)]
    [InlineData(1001)]
    [InlineData(11025)]
    public void MelToHz_OfHzToMel_GivesTheFrequencyBack(double hz) =>
        Assert.Equal(hz, MelFilterbank.MelToHz(MelFilterbank.HzToMel(hz)), 9);

    [Fact]
    public void BandEdges_Default_SpanZeroToNyquistEquallyInMel()
    {
        Assert.Equal(130, Edges.Length);
        Assert.Equal(0, Edges[0]);
        Assert.Equal(11025, Edges[^1], 9);
        var step = MelFilterbank.HzToMel(11025) / 129;
        for (var i = 1; i < Edges.Length; i++)
            Assert.Equal(step, MelFilterbank.HzToMel(Edges[i]) - MelFilterbank.HzToMel(Edges[i - 1]), 9);
    }

    [Fact]
    public void Build_EachBand_IsATriangleScaledToUnitArea()
    {
        for (var m = 0; m < 128; m++)
        {
            var row = Bank.AsSpan(m * Bins, Bins);
            var height = 2 / (Edges[m + 2] - Edges[m]);
            for (var k = 0; k < Bins; k++)
            {
                var hz = k * 22050.0 / 1024;
                if (hz <= Edges[m] || hz >= Edges[m + 2])
                    Assert.Equal(0, row[k]);
                else
                    Assert.InRange(row[k], 0, height * (1 + 1e-12));
            }
        }
        // Wide upper bands hold many bins, so the bin sum approximates the triangle's area: 1 / bin width.
        for (var m = 90; m < 128; m++)
        {
            var area = Bank.AsSpan(m * Bins, Bins).ToArray().Sum() * 22050.0 / 1024;
            Assert.InRange(area, 0.97, 1.03);
        }
    }

    [Fact]
    public void Build_BinAtABandCentre_HasThePeakWeight()
    {
        // Band 100's centre edge lies between bins; a bin's weight follows the two straight sides exactly.
        var m = 100;
        var k = (int)Math.Round(Edges[m + 1] * 1024 / 22050);
        var hz = k * 22050.0 / 1024;
        var expected = Math.Min((hz - Edges[m]) / (Edges[m + 1] - Edges[m]), (Edges[m + 2] - hz) / (Edges[m + 2] - Edges[m + 1]))
                       * 2 / (Edges[m + 2] - Edges[m]);
        Assert.Equal(expected, Bank[m * Bins + k], 15);
        Assert.Equal(Bank.AsSpan(m * Bins, Bins).ToArray().Max(), Bank[m * Bins + k]);
    }
}
