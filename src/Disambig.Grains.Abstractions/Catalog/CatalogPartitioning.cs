namespace Disambig.Grains;

/// <summary>
/// Which catalog partition a name belongs to: FNV-1a (32 bits) of the name key's UTF-8 bytes, modulo the partition
/// count. Stable across processes, machines and .NET versions (unlike <see cref="string.GetHashCode()"/>).
/// </summary>
public static class CatalogPartitioning
{
    /// <summary>Most partitions a catalog may have.</summary>
    public const int MaxPartitions = 65_536;

    /// <returns>The partition index of <paramref name="nameKey"/>, in [0, <paramref name="partitions"/>).</returns>
    public static int PartitionOf(string nameKey, int partitions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(partitions, MaxPartitions);
        return (int)(Hash(nameKey) % (uint)partitions);
    }

    /// <summary>FNV-1a, 32 bits, of the UTF-8 bytes of <paramref name="text"/>.</summary>
    public static uint Hash(string text)
    {
        var hash = 2166136261u;
        Span<byte> buffer = stackalloc byte[4];
        foreach (var rune in text.EnumerateRunes())
        {
            var length = rune.EncodeToUtf8(buffer);
            for (var i = 0; i < length; i++)
            {
                hash = (hash ^ buffer[i]) * 16777619u;
            }
        }
        return hash;
    }

    /// <summary>The cursor that resumes a walk in <paramref name="partition"/> after <paramref name="lastName"/> (null: at its start).</summary>
    public static string Cursor(int partition, string? lastName) => $"{partition}:{lastName}";

    /// <summary>Reads a cursor made by <see cref="Cursor"/>.</summary>
    /// <exception cref="ArgumentException">The text is not such a cursor.</exception>
    public static (int Partition, string? After) ParseCursor(string cursor)
    {
        var colon = cursor.IndexOf(':');
        if (colon <= 0 || !int.TryParse(cursor.AsSpan(0, colon), out var partition) || partition < 0)
            throw new ArgumentException($"'{cursor}' is not a catalog name cursor.", nameof(cursor));
        var after = cursor[(colon + 1)..];
        return (partition, after.Length == 0 ? null : after);
    }
}
