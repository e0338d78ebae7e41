using System.Runtime.CompilerServices;

namespace Disambig.Audio;

/// <summary>Signal level measures.</summary>
public static class Loudness
{
    /// <summary>RMS level in dB relative to a full-scale square wave (a full-scale sine is -3 dBFS); -infinity for digital silence.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a loop over a track's samples: optimised from the first call
    public static double RmsDbfs(ReadOnlySpan<float> samples)
    {
        if (samples.IsEmpty)
            return double.NegativeInfinity;
        var sum = 0.0;
        foreach (var s in samples)
            sum += (double)s * s;
        return 10 * Math.Log10(sum / samples.Length);
    }
}
