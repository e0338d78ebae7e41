namespace Disambig.Catalog;

/// <summary>A local folder holding a catalog's audio; resolves relative audio paths without ever leaving it.</summary>
public sealed class CatalogRoot
{
    private readonly string _prefix;

    /// <param name="directory">The catalog root folder, absolute or relative to the current directory.</param>
    public CatalogRoot(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        FullPath = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
        _prefix = FullPath.EndsWith(Path.DirectorySeparatorChar) ? FullPath : FullPath + Path.DirectorySeparatorChar;
    }

    /// <summary>The absolute path of the root folder.</summary>
    public string FullPath { get; }

    /// <summary>The absolute path of a track's audio file.</summary>
    public string Resolve(CatalogTrack track) => Resolve(track.AudioPath);

    /// <summary>
    /// The absolute path of <paramref name="relativeAudioPath"/> under the root. The check is on the path text;
    /// symbolic links placed inside the root by its owner are followed by the operating system as usual.
    /// </summary>
    /// <exception cref="UnsafeCatalogPathException">The path breaks <see cref="RelativeAudioPath"/>'s rules or resolves outside the root.</exception>
    public string Resolve(string relativeAudioPath)
    {
        RelativeAudioPath.EnsureSafe(relativeAudioPath);
        var full = Path.GetFullPath(Path.Join(FullPath, relativeAudioPath));
        // Second line of defence: whatever the rules above missed, the result must lie strictly inside the root.
        if (!full.StartsWith(_prefix, StringComparison.Ordinal))
        {
            throw new UnsafeCatalogPathException(relativeAudioPath, $"it resolves outside the catalog root '{FullPath}'");
        }
        return full;
    }
}
