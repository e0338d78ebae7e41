using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Disambig.Silo.Bench;

/// <summary>
/// Catalog audio paths of synthetic tracks that exist only for the stubs:
/// <c>bench/{artist}/r{release}n{tracks}/t{index}.stub</c>. The path says everything the stubs need: the true artist
/// (the stub vectors of one artist lie close), the release folder and how many tracks it holds (so a listing of the
/// folder can be answered without any storage), and the track.
/// </summary>
public static class StubAudioPaths
{
    /// <summary>Every synthetic path starts with this.</summary>
    public const string Prefix = "bench/";

    /// <summary>The path of track <paramref name="index"/> of a release of <paramref name="tracks"/> tracks of <paramref name="artist"/>.</summary>
    public static string Of(string artist, int release, int tracks, int index)
    {
        if (artist.Length == 0 || artist.Contains('/')) throw new ArgumentException($"Artist '{artist}' must be a non-empty path segment.", nameof(artist));
        ArgumentOutOfRangeException.ThrowIfNegative(release);
        ArgumentOutOfRangeException.ThrowIfLessThan(tracks, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, tracks);
        return string.Create(CultureInfo.InvariantCulture, $"{Prefix}{artist}/r{release}n{tracks}/t{index}.stub");
    }

    /// <summary>Whether <paramref name="name"/> (relative to the catalog store, or a local path ending with it) is synthetic.</summary>
    public static bool IsStub(string name) => name.StartsWith(Prefix, StringComparison.Ordinal) || name.Contains('/' + Prefix, StringComparison.Ordinal);

    /// <summary>The artist segment of a synthetic path (the part after <see cref="Prefix"/>), or the whole path otherwise.</summary>
    public static string ArtistOf(string path)
    {
        var start = path.StartsWith(Prefix, StringComparison.Ordinal) ? Prefix.Length : path.LastIndexOf('/' + Prefix, StringComparison.Ordinal) + 1 + Prefix.Length;
        if (start < Prefix.Length) return path;
        var end = path.IndexOf('/', start);
        return end < 0 ? path[start..] : path[start..end];
    }

    /// <summary>
    /// The names in the release folder <paramref name="prefix"/> names (<c>bench/{artist}/r{release}n{tracks}/</c>, or
    /// the start of a track's name in it); null when the prefix is not inside one release folder.
    /// </summary>
    public static IReadOnlyList<string>? ListFolder(string prefix)
    {
        if (!prefix.StartsWith(Prefix, StringComparison.Ordinal)) return null;
        var parts = prefix[Prefix.Length..].Split('/');
        if (parts.Length != 3) return null;
        var folder = parts[1];
        var n = folder.IndexOf('n', StringComparison.Ordinal);
        if (folder.Length < 4 || folder[0] != 'r' || n < 2
            || !int.TryParse(folder.AsSpan(1, n - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var release)
            || !int.TryParse(folder.AsSpan(n + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var tracks) || tracks < 1)
            return null;
        return [.. Enumerable.Range(0, tracks).Select(i => Of(parts[0], release, tracks, i)).Where(name => name.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal)];
    }

    /// <summary>A seed that depends only on <paramref name="text"/> (not on the process, unlike string hash codes).</summary>
    public static int SeedOf(string text) => BitConverter.ToInt32(SHA256.HashData(Encoding.UTF8.GetBytes(text)), 0);
}
