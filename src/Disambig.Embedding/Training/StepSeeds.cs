namespace Disambig.Embedding.Training;

/// <summary>
/// Every step draws from generators seeded by (run seed, step) alone, so a run resumed at step k draws exactly
/// what the uninterrupted run drew from step k on.
/// </summary>
internal static class StepSeeds
{
    public static Random Batch(int seed, int step) => new((int)(Mix(seed, step, 1) & int.MaxValue));

    public static Random Augmentation(int seed, int step) => new((int)(Mix(seed, step, 3) & int.MaxValue));

    public static long Noise(int seed, int step) => (long)(Mix(seed, step, 2) & long.MaxValue);

    // SplitMix64 finaliser over the packed inputs: neighbouring steps get unrelated seeds.
    private static ulong Mix(int seed, int step, int stream)
    {
        ulong z = ((ulong)(uint)seed << 32 | (uint)step) + 0x9E3779B97F4A7C15UL * (ulong)stream;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
