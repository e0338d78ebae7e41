using Disambig.Embedding.Training;

namespace Disambig.Embedding.Tests;

public sealed class MelAugmentationTests
{
    private const int Count = 3, Frames = 50, Bands = 20;

    private static float[] Ones() => Enumerable.Repeat(1f, Count * Frames * Bands).ToArray();

    [Fact]
    public void Apply_EqualiserOnly_ScalesEachBandOfASegmentByOneGainWithinTheBounds()
    {
        var values = Ones();
        var equaliser = new MelAugmentation { TimeMasks = 0, BandMasks = 0 };

        equaliser.Apply(values, Count, Frames, Bands, new Random(3));

        // ±6 dB curve + ±3 dB from the tilt's half-range: at most 9 dB of power either way.
        double most = Math.Pow(10, 0.9) + 1e-4, least = Math.Pow(10, -0.9) - 1e-4;
        for (int s = 0; s < Count; s++)
        {
            var segment = values.AsSpan(s * Frames * Bands, Frames * Bands);
            var firstRow = segment[..Bands].ToArray();
            Assert.All(firstRow, g => Assert.InRange(g, least, most));
            Assert.Contains(firstRow, g => Math.Abs(g - 1) > 0.01);
            for (int f = 1; f < Frames; f++) Assert.Equal(firstRow, segment.Slice(f * Bands, Bands).ToArray());
        }
        // Each segment draws its own equaliser.
        Assert.NotEqual(values.AsSpan(0, Bands).ToArray(), values.AsSpan(Frames * Bands, Bands).ToArray());
    }

    [Fact]
    public void Apply_MasksOnly_SilencesWholeFramesAndWholeBandsWithinTheirWidth()
    {
        var values = Ones();
        var masks = new MelAugmentation { BandGainDb = 0, TiltDb = 0, TimeMasks = 1, BandMasks = 1, MaxTimeMaskShare = 0.2, MaxBandMaskShare = 0.25 };

        masks.Apply(values, Count, Frames, Bands, new Random(7));

        Assert.All(values, v => Assert.True(v is 0f or 1f));
        for (int s = 0; s < Count; s++)
        {
            var cells = values.AsSpan(s * Frames * Bands, Frames * Bands).ToArray();
            var silentFrames = Enumerable.Range(0, Frames).Count(f => cells.Skip(f * Bands).Take(Bands).All(v => v == 0));
            var silentBands = Enumerable.Range(0, Bands).Count(b => Enumerable.Range(0, Frames).All(f => cells[f * Bands + b] == 0));
            Assert.InRange(silentFrames, 0, 10);
            Assert.InRange(silentBands, 0, 5);
            // Every silent cell lies in a silent frame or a silent band: masks, never scattered zeros.
            Assert.Equal(cells.Count(v => v == 0), silentFrames * Bands + silentBands * Frames - silentFrames * silentBands);
        }
    }

    [Fact]
    public void Apply_SameGeneratorState_GivesTheSameSegments()
    {
        var first = Ones();
        var second = Ones();
        var augmentation = new MelAugmentation();

        augmentation.Apply(first, Count, Frames, Bands, new Random(11));
        augmentation.Apply(second, Count, Frames, Bands, new Random(11));

        Assert.Equal(first, second);
    }

    [Fact]
    public void Apply_WrongLengthOrSettingOutOfRange_Throws()
    {
        Assert.Throws<ArgumentException>(() => new MelAugmentation().Apply(new float[10], Count, Frames, Bands, new Random(1)));
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new TrainingConfig { Augmentation = new MelAugmentation { GainPoints = 1 } }.Validate());
        Assert.Equal("GainPoints", error.ParamName);
    }
}
