namespace Disambig.Embedding.Training;

/// <summary>
/// Training-time augmentation against production cues (issue 15): each training segment gets its own random
/// equaliser (a smooth per-band gain curve and a spectral tilt, as mastering and mixing would give) and, as in
/// SpecAugment, a few time and band masks. Off by default (<see cref="TrainingConfig.Augmentation"/> null). Applied to
/// mel power before the network's compression, so gains multiply; masked cells become silence (0).
/// Pure and deterministic: the same generator state gives the same segments.
/// </summary>
public sealed record MelAugmentation
{
    /// <summary>Largest gain, in dB either way, at each control point of the random equaliser curve. Default 6; in [0, 40].</summary>
    public double BandGainDb { get; init; } = 6;

    /// <summary>Control points of the equaliser curve, evenly spread over the bands and joined linearly. Default 5; in [2, 64].</summary>
    public int GainPoints { get; init; } = 5;

    /// <summary>Largest spectral tilt, in dB from the lowest to the highest band, either way. Default 6; in [0, 40].</summary>
    public double TiltDb { get; init; } = 6;

    /// <summary>Time masks per segment. Default 2; in [0, 16].</summary>
    public int TimeMasks { get; init; } = 2;

    /// <summary>Widest time mask as a share of the segment's frames. Default 0.1; in [0, 1].</summary>
    public double MaxTimeMaskShare { get; init; } = 0.1;

    /// <summary>Band masks per segment. Default 1; in [0, 16].</summary>
    public int BandMasks { get; init; } = 1;

    /// <summary>Widest band mask as a share of the mel bands. Default 0.1; in [0, 1].</summary>
    public double MaxBandMaskShare { get; init; } = 0.1;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first setting out of range.</summary>
    public MelAugmentation Validate()
    {
        Require(BandGainDb is >= 0 and <= 40, nameof(BandGainDb), BandGainDb, "in [0, 40]");
        Require(GainPoints is >= 2 and <= 64, nameof(GainPoints), GainPoints, "in [2, 64]");
        Require(TiltDb is >= 0 and <= 40, nameof(TiltDb), TiltDb, "in [0, 40]");
        Require(TimeMasks is >= 0 and <= 16, nameof(TimeMasks), TimeMasks, "in [0, 16]");
        Require(MaxTimeMaskShare is >= 0 and <= 1, nameof(MaxTimeMaskShare), MaxTimeMaskShare, "in [0, 1]");
        Require(BandMasks is >= 0 and <= 16, nameof(BandMasks), BandMasks, "in [0, 16]");
        Require(MaxBandMaskShare is >= 0 and <= 1, nameof(MaxBandMaskShare), MaxBandMaskShare, "in [0, 1]");
        return this;
    }

    /// <summary>Augments <paramref name="count"/> segments in place.</summary>
    /// <param name="values">[count, frames, melBands] row-major mel power</param>
    public void Apply(Span<float> values, int count, int frames, int melBands, Random random)
    {
        if (values.Length != (long)count * frames * melBands)
            throw new ArgumentException($"{values.Length} values do not hold {count} segments of {frames} x {melBands}.", nameof(values));
        var gains = new float[melBands];
        for (int s = 0; s < count; s++)
        {
            var segment = values.Slice(s * frames * melBands, frames * melBands);
            DrawGains(gains, random);
            for (int f = 0; f < frames; f++)
            {
                var row = segment.Slice(f * melBands, melBands);
                for (int b = 0; b < melBands; b++) row[b] *= gains[b];
            }
            for (int m = 0; m < TimeMasks; m++)
            {
                var (start, width) = DrawMask(frames, MaxTimeMaskShare, random);
                segment.Slice(start * melBands, width * melBands).Clear();
            }
            for (int m = 0; m < BandMasks; m++)
            {
                var (start, width) = DrawMask(melBands, MaxBandMaskShare, random);
                for (int f = 0; f < frames; f++) segment.Slice(f * melBands + start, width).Clear();
            }
        }
    }

    /// <summary>Power gain per band: a random curve through <see cref="GainPoints"/> points plus a tilt, in dB.</summary>
    private void DrawGains(float[] gains, Random random)
    {
        var points = new double[GainPoints];
        for (int p = 0; p < points.Length; p++) points[p] = Uniform(random, BandGainDb);
        double tilt = Uniform(random, TiltDb);
        int bands = gains.Length;
        for (int b = 0; b < bands; b++)
        {
            double position = bands == 1 ? 0 : (double)b / (bands - 1);
            double at = position * (points.Length - 1);
            int left = Math.Min((int)at, points.Length - 2);
            double curve = points[left] + (points[left + 1] - points[left]) * (at - left);
            double db = curve + tilt * (position - 0.5);
            gains[b] = (float)Math.Pow(10, db / 10);
        }
    }

    private static (int Start, int Width) DrawMask(int length, double maxShare, Random random)
    {
        int width = random.Next((int)(length * maxShare) + 1);
        return (random.Next(length - width + 1), width);
    }

    private static double Uniform(Random random, double most) => (random.NextDouble() * 2 - 1) * most;

    private static void Require(bool valid, string name, object value, string range)
    {
        if (!valid) throw new ArgumentOutOfRangeException(name, value, $"Augmentation {name} must be {range}.");
    }
}
