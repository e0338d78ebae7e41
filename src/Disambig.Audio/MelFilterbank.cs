namespace Disambig.Audio;

/// <summary>
/// Slaney-style mel filterbank, as librosa.filters.mel(sr, n_fft, n_mels, fmin=0, fmax=sr/2, htk=False,
/// norm='slaney') builds it: mel scale linear below 1 kHz (200/3 Hz per mel) and logarithmic above
/// (27 mels per factor 6.4), triangles between consecutive band edges over the FFT bin frequencies
/// k * sr / n_fft, each scaled by 2 / (f_high - f_low) so that its area is constant. Computed in double.
/// </summary>
public static class MelFilterbank
{
    private const double LinearHzPerMel = 200.0 / 3;
    private const double LogStartHz = 1000;
    private const double LogStartMel = LogStartHz / LinearHzPerMel;
    private static readonly double LogStep = Math.Log(6.4) / 27;

    /// <summary>Slaney mel of a frequency in Hz (1000 Hz = 15 mel).</summary>
    public static double HzToMel(double hz) =>
        hz < LogStartHz ? hz / LinearHzPerMel : LogStartMel + Math.Log(hz / LogStartHz) / LogStep;

    /// <summary>Frequency in Hz of a Slaney mel value; inverse of <see cref="HzToMel"/>.</summary>
    public static double MelToHz(double mel) =>
        mel < LogStartMel ? mel * LinearHzPerMel : LogStartHz * Math.Exp(LogStep * (mel - LogStartMel));

    /// <summary>The <paramref name="bands"/> + 2 band edges in Hz, equally spaced in mel from fmin to fmax.</summary>
    public static double[] BandEdgesHz(int bands, double fminHz, double fmaxHz)
    {
        var low = HzToMel(fminHz);
        var high = HzToMel(fmaxHz);
        var edges = new double[bands + 2];
        for (var i = 0; i < edges.Length; i++)
            edges[i] = MelToHz(low + (high - low) * i / (bands + 1));
        return edges;
    }

    /// <summary>The weights as a row-major [bands, fftSize / 2 + 1] matrix.</summary>
    public static double[] Build(int sampleRate, int fftSize, int bands, double fminHz, double fmaxHz)
    {
        var bins = fftSize / 2 + 1;
        var edges = BandEdgesHz(bands, fminHz, fmaxHz);
        var weights = new double[bands * bins];
        for (var m = 0; m < bands; m++)
        {
            var lowWidth = edges[m + 1] - edges[m];
            var highWidth = edges[m + 2] - edges[m + 1];
            var areaNorm = 2.0 / (edges[m + 2] - edges[m]);
            for (var k = 0; k < bins; k++)
            {
                var hz = (double)k * sampleRate / fftSize;
                var rising = (hz - edges[m]) / lowWidth;
                var falling = (edges[m + 2] - hz) / highWidth;
                weights[m * bins + k] = Math.Max(0, Math.Min(rising, falling)) * areaNorm;
            }
        }
        return weights;
    }
}
