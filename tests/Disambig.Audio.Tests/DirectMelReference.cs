namespace Disambig.Audio.Tests;

/// <summary>
/// An independent, deliberately plain implementation of the mel conventions in double precision: 512 zeros on
/// each side, periodic Hann window written out, a direct O(N^2) DFT per frame, and its own triangle filterbank
/// written from the librosa formulas (not <see cref="MelFilterbank"/>).
/// </summary>
internal static class DirectMelReference
{
    private const int N = 1024;
    private const int Hop = 512;
    private const int Bins = N / 2 + 1;
    private const double Rate = 22050;

    /// <summary>[frames, 128] mel power of one signal, frames in <paramref name="firstFrame"/> .. + <paramref name="frameCount"/>.</summary>
    public static double[,] Compute(ReadOnlySpan<float> signal, int firstFrame, int frameCount)
    {
        var cos = new double[N];
        var sin = new double[N];
        for (var i = 0; i < N; i++)
        {
            cos[i] = Math.Cos(2 * Math.PI * i / N);
            sin[i] = Math.Sin(2 * Math.PI * i / N);
        }
        var bank = Filterbank();
        var result = new double[frameCount, 128];
        var frame = new double[N];
        var power = new double[Bins];
        for (var f = 0; f < frameCount; f++)
        {
            var t = firstFrame + f;
            for (var n = 0; n < N; n++)
            {
                var index = t * Hop + n - N / 2;
                var x = index >= 0 && index < signal.Length ? signal[index] : 0.0;
                frame[n] = x * (0.5 - 0.5 * Math.Cos(2 * Math.PI * n / N));
            }
            for (var k = 0; k < Bins; k++)
            {
                double re = 0, im = 0;
                for (var n = 0; n < N; n++)
                {
                    var phase = k * n % N;
                    re += frame[n] * cos[phase];
                    im -= frame[n] * sin[phase];
                }
                power[k] = re * re + im * im;
            }
            for (var m = 0; m < 128; m++)
            {
                var sum = 0.0;
                for (var k = 0; k < Bins; k++)
                    sum += bank[m, k] * power[k];
                result[f, m] = sum;
            }
        }
        return result;
    }

    private static double Mel(double hz) => hz < 1000 ? 3 * hz / 200 : 15 + 27 * Math.Log(hz / 1000) / Math.Log(6.4);

    private static double Hz(double mel) => mel < 15 ? 200 * mel / 3 : 1000 * Math.Pow(6.4, (mel - 15) / 27);

    private static double[,] Filterbank()
    {
        var edges = Enumerable.Range(0, 130).Select(i => Hz(Mel(Rate / 2) * i / 129)).ToArray();
        var bank = new double[128, Bins];
        for (var m = 0; m < 128; m++)
            for (var k = 0; k < Bins; k++)
            {
                var hz = k * Rate / N;
                var up = (hz - edges[m]) / (edges[m + 1] - edges[m]);
                var down = (edges[m + 2] - hz) / (edges[m + 2] - edges[m + 1]);
                bank[m, k] = Math.Max(0, Math.Min(up, down)) * 2 / (edges[m + 2] - edges[m]);
            }
        return bank;
    }

    /// <summary>
    /// The agreement issue 14 holds the float32 mel to: the largest and the median relative difference over the cells
    /// within 60 dB of their frame's peak band (so every frame counts, quiet ones too).
    /// </summary>
    public static (double Max, double Median) Agreement(double[,] reference, ReadOnlySpan<float> actual, int firstFrame)
    {
        var differences = new List<double>();
        for (var f = 0; f < reference.GetLength(0); f++)
        {
            var peak = Enumerable.Range(0, 128).Max(m => reference[f, m]);
            for (var m = 0; m < 128; m++)
            {
                var expected = reference[f, m];
                if (expected > 0 && expected >= peak * 1e-6)
                    differences.Add(Math.Abs(actual[(firstFrame + f) * 128 + m] - expected) / expected);
            }
        }
        differences.Sort();
        return (differences[^1], differences[differences.Count / 2]);
    }

    /// <summary>Asserts <see cref="Agreement"/>: at most 1e-3 relative, median under 1e-5.</summary>
    public static void AssertAgrees(double[,] reference, ReadOnlySpan<float> actual, int firstFrame)
    {
        var (max, median) = Agreement(reference, actual, firstFrame);
        Assert.InRange(max, 0, 1e-3);
        Assert.InRange(median, 0, 1e-5);
    }
}
