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

    /// <summary>
    /// <see cref="RmsDbfs"/>, stopping as soon as the level is known to reach <paramref name="stopAtDbfs"/>: the result is
    /// at least <paramref name="stopAtDbfs"/> exactly when <see cref="RmsDbfs"/> is, and below it it is
    /// <see cref="RmsDbfs"/>'s value. (The sum of squares only grows as samples are added, in the same order as
    /// <see cref="RmsDbfs"/>, so a level reached by a partial sum is reached by the whole.) A loud track's silence check
    /// then reads a few thousand samples instead of all of them.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double RmsDbfsUntil(ReadOnlySpan<float> samples, double stopAtDbfs)
    {
        if (samples.IsEmpty)
            return double.NegativeInfinity;
        const int Block = 4096;
        var sum = 0.0;
        for (var start = 0; start < samples.Length; start += Block)
        {
            foreach (var s in samples.Slice(start, Math.Min(Block, samples.Length - start)))
                sum += (double)s * s;
            var level = 10 * Math.Log10(sum / samples.Length);
            if (level >= stopAtDbfs)
                return level;
        }
        return 10 * Math.Log10(sum / samples.Length);
    }
}
