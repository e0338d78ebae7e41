using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Disambig.Datasets.Recipes;

/// <summary>
/// Random draws keyed by (seed, purpose, item) instead of a running generator: each item's draw depends on nothing
/// else, so plans are stable when the catalog grows, and a smaller selection is nested in a larger one.
/// </summary>
public static class StableDraw
{
    /// <summary>A number in [0, 1) fixed by the seed, the purpose and the key.</summary>
    public static double Unit(int seed, string purpose, string key)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{seed}\u001f{purpose}\u001f{key}"), hash);
        return (BinaryPrimitives.ReadUInt64LittleEndian(hash) >> 11) * (1.0 / (1UL << 53));
    }

    /// <summary>The items in a random order fixed by the seed and the purpose (ties broken by key).</summary>
    public static IReadOnlyList<T> Order<T>(IEnumerable<T> items, Func<T, string> key, int seed, string purpose) =>
        [.. items.Select(item => (Item: item, Key: key(item)))
            .OrderBy(pair => Unit(seed, purpose, pair.Key))
            .ThenBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(pair => pair.Item)];
}
