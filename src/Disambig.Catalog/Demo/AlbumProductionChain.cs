namespace Disambig.Catalog.Demo;

/// <summary>
/// The album's production applied to a rendered track, in place: tilt equaliser, two-pole low-pass,
/// Schroeder reverb (four feedback combs into two all-passes), peak normalisation, then a white noise floor.
/// </summary>
internal static class AlbumProductionChain
{
    private const double TiltCornerHz = 800;
    private static readonly double[] CombDelaysSeconds = [0.0297, 0.0371, 0.0411, 0.0437];
    private static readonly double[] AllPassDelaysSeconds = [0.0050, 0.0017];
    private const double AllPassGain = 0.7;

    public static void Apply(float[] samples, AlbumProduction album, int sampleRate, DeterministicRandom random)
    {
        Tilt(samples, album.TiltDb, sampleRate);
        OnePoleLowPass(samples, album.LowPassHz, sampleRate);
        OnePoleLowPass(samples, album.LowPassHz, sampleRate);
        Reverb(samples, album.ReverbMix, album.ReverbFeedback, sampleRate);
        NormalisePeak(samples, album.PeakDbfs);
        AddNoise(samples, album.NoiseFloorDbfs, random);
    }

    private static double Smoothing(double cornerHz, int sampleRate) => 1 - Math.Exp(-2 * Math.PI * cornerHz / sampleRate);

    /// <summary>Splits at <see cref="TiltCornerHz"/> and weights the halves by -tilt/2 and +tilt/2 dB.</summary>
    private static void Tilt(float[] samples, double tiltDb, int sampleRate)
    {
        var lowGain = Math.Pow(10, -tiltDb / 40);
        var highGain = Math.Pow(10, tiltDb / 40);
        var smoothing = Smoothing(TiltCornerHz, sampleRate);
        var low = 0.0;
        for (var i = 0; i < samples.Length; i++)
        {
            low += smoothing * (samples[i] - low);
            samples[i] = (float)(lowGain * low + highGain * (samples[i] - low));
        }
    }

    private static void OnePoleLowPass(float[] samples, double cornerHz, int sampleRate)
    {
        var smoothing = Smoothing(cornerHz, sampleRate);
        var state = 0.0;
        for (var i = 0; i < samples.Length; i++)
        {
            state += smoothing * (samples[i] - state);
            samples[i] = (float)state;
        }
    }

    private static void Reverb(float[] samples, double mix, double feedback, int sampleRate)
    {
        var combs = CombDelaysSeconds.Select(seconds => new double[Math.Max(1, (int)(seconds * sampleRate))]).ToArray();
        var allPasses = AllPassDelaysSeconds.Select(seconds => new double[Math.Max(1, (int)(seconds * sampleRate))]).ToArray();
        for (var i = 0; i < samples.Length; i++)
        {
            double dry = samples[i];
            var wet = 0.0;
            foreach (var line in combs)
            {
                var slot = i % line.Length;
                var delayed = line[slot];
                line[slot] = dry + feedback * delayed;
                wet += delayed;
            }
            wet /= combs.Length;
            foreach (var line in allPasses)
            {
                var slot = i % line.Length;
                var delayed = line[slot];
                var input = wet + AllPassGain * delayed;
                line[slot] = input;
                wet = delayed - AllPassGain * input;
            }
            samples[i] = (float)((1 - mix) * dry + mix * wet);
        }
    }

    private static void NormalisePeak(float[] samples, double peakDbfs)
    {
        var peak = 0f;
        foreach (var sample in samples)
        {
            peak = Math.Max(peak, Math.Abs(sample));
        }
        if (peak == 0)
        {
            return;
        }
        var gain = (float)(Math.Pow(10, peakDbfs / 20) / peak);
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] *= gain;
        }
    }

    /// <summary>Uniform white noise of the given RMS level, then a hard clip to [-1, 1].</summary>
    private static void AddNoise(float[] samples, double rmsDbfs, DeterministicRandom random)
    {
        var halfWidth = Math.Sqrt(3) * Math.Pow(10, rmsDbfs / 20);
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = (float)Math.Clamp(samples[i] + halfWidth * (2 * random.NextDouble() - 1), -1, 1);
        }
    }
}
