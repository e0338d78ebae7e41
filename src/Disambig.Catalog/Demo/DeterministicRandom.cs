namespace Disambig.Catalog.Demo;

/// <summary>
/// SplitMix64: a tiny generator whose sequence is fixed by its seed on every runtime and platform, unlike
/// <see cref="Random"/> whose seeded algorithm is an implementation detail. The demo catalog's reproducibility rests on it.
/// </summary>
internal sealed class DeterministicRandom(ulong seed)
{
    private ulong _state = seed;

    /// <summary>A generator for a sub-stream, so that parts can be drawn in any order (or in parallel) with the same result.</summary>
    public static DeterministicRandom For(ulong seed, ulong stream) => new(Mix(seed ^ Mix(stream + 0x632BE59BD9B4E019UL)));

    public ulong NextUInt64()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return Mix(_state);
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [min, max).</summary>
    public double Uniform(double min, double max) => min + (max - min) * NextDouble();

    /// <summary>Uniform integer in [min, max] (both inclusive).</summary>
    public int Between(int min, int max) => min + (int)(NextUInt64() % (ulong)(max - min + 1));

    /// <summary>Standard normal draw (Box–Muller).</summary>
    public double Gaussian() => Math.Sqrt(-2.0 * Math.Log(1.0 - NextDouble())) * Math.Cos(2.0 * Math.PI * NextDouble());

    public bool Chance(double probability) => NextDouble() < probability;

    public T Pick<T>(IReadOnlyList<T> items) => items[Between(0, items.Count - 1)];

    /// <summary>Fisher–Yates shuffle in place.</summary>
    public void Shuffle<T>(IList<T> items)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = Between(0, i);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>Lower-case hexadecimal of <paramref name="digits"/> random nibbles, for opaque ids.</summary>
    public string Hex(int digits) => NextUInt64().ToString("x16")[..digits];

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
