namespace Disambig.Catalog;

/// <summary>A catalog audio path that is not relative and normalised, or that would leave the catalog root.</summary>
public sealed class UnsafeCatalogPathException(string path, string reason)
    : Exception($"Unsafe catalog audio path '{path}': {reason}.")
{
    /// <summary>The path as given.</summary>
    public string PathAsGiven { get; } = path;

    /// <summary>Why it was refused.</summary>
    public string Reason { get; } = reason;
}
