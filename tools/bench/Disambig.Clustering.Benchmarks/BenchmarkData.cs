using Disambig.Clustering;

namespace Disambig.Clustering.Benchmarks;

/// <summary>
/// Uniform [0, 1) points from a counter-based SplitMix64 stream: value k of seed s is mix(s + (k + 1) * golden gamma)
/// with its top 53 bits scaled by 2^-53. tools/bench/ward_scipy.py computes the same numbers with NumPy, so both
/// sides cluster bit-identical data without exchanging a file.
/// </summary>
public static class BenchmarkData
{
    public static VectorSet UniformPoints(int count, int dimension, ulong seed)
    {
        var values = new double[count * dimension];
        for (var k = 0; k < values.Length; k++)
        {
            var z = seed + ((ulong)k + 1) * 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            values[k] = (z >> 11) * (1.0 / (1UL << 53));
        }

        return VectorSet.FromRowMajor(values, count, dimension);
    }
}
