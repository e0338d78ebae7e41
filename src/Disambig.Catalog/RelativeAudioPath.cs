namespace Disambig.Catalog;

/// <summary>
/// The rules for audio paths written in a catalog: relative to the catalog root, '/'-separated, already
/// normalised (no empty segment, no "..", no segment of only dots and spaces), no absolute or drive-qualified path, no back slash, no colon,
/// no control character, at most 1024 characters (the Azure blob name limit). Paths come from input files,
/// so anything else is refused rather than repaired.
/// </summary>
public static class RelativeAudioPath
{
    /// <summary>Longest accepted path, in characters.</summary>
    public const int MaxLength = 1024;

    /// <summary>Why <paramref name="path"/> is not a safe relative audio path, or null when it is.</summary>
    public static string? FindViolation(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return "the path is empty";
        }
        if (path.Length > MaxLength)
        {
            return $"the path is longer than {MaxLength} characters";
        }
        if (path.Any(char.IsControl))
        {
            return "the path contains a control character";
        }
        if (path.Contains('\\'))
        {
            return "the path contains a back slash; use '/' between segments";
        }
        if (path.Contains(':'))
        {
            return "the path contains ':' (a drive letter or URL scheme is not a relative path)";
        }
        if (path.StartsWith('/'))
        {
            return "the path is absolute";
        }
        foreach (var segment in path.Split('/'))
        {
            if (segment.Length == 0)
            {
                return "the path has an empty segment (leading, trailing or doubled '/')";
            }
            if (segment == "..")
            {
                return "the path has a '..' segment";
            }
            // ".", "..." or ". ." are no names: Windows trims trailing dots and spaces, which can turn them into "..".
            if (segment.All(c => c is '.' or ' '))
            {
                return $"the path has a segment '{segment}' made only of dots and spaces";
            }
        }
        return null;
    }

    /// <summary>Throws <see cref="UnsafeCatalogPathException"/> unless <paramref name="path"/> is a safe relative audio path.</summary>
    public static void EnsureSafe(string? path)
    {
        if (FindViolation(path) is { } reason)
        {
            throw new UnsafeCatalogPathException(path ?? "", reason);
        }
    }
}
