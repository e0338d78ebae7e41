using System.Text;

namespace Disambig.Catalog;

/// <summary>
/// The grouping key of a credited artist name: Unicode NFKC, trimmed, inner white space collapsed to one
/// space, then case-folded (simple, per-character Unicode case mapping: upper then lower, invariant culture).
/// Two credits with the same key are the same name; the display name is kept apart and never rewritten.
/// </summary>
public static class ArtistNameKey
{
    /// <summary>The key of <paramref name="artistName"/>.</summary>
    /// <exception cref="ArgumentException">The name is empty or only white space.</exception>
    /// <exception cref="InvalidOperationException">The process runs without ICU (globalization-invariant mode), where .NET cannot normalise.</exception>
    public static string From(string artistName)
    {
        ArgumentNullException.ThrowIfNull(artistName);
        EnsureNormalisationAvailable();
        var compatible = artistName.Normalize(NormalizationForm.FormKC);
        var builder = new StringBuilder(compatible.Length);
        var pendingSpace = false;
        foreach (var rune in compatible.EnumerateRunes())
        {
            if (Rune.IsWhiteSpace(rune))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }
            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }
            builder.Append(rune.ToString());
        }
        if (builder.Length == 0)
        {
            throw new ArgumentException("An artist name must contain something other than white space.", nameof(artistName));
        }
        // Upper then lower folds case variants that have no direct lower mapping to each other (final sigma, long s).
        return builder.ToString().ToUpperInvariant().ToLowerInvariant();
    }

    // In globalization-invariant mode string.Normalize silently returns its input; a key that is only sometimes
    // normalised would split names at random, so refuse instead.
    private static readonly bool NormalisationAvailable = "\uFF21".Normalize(NormalizationForm.FormKC) == "A";

    private static void EnsureNormalisationAvailable()
    {
        if (!NormalisationAvailable)
        {
            throw new InvalidOperationException(
                "Artist names need Unicode NFKC normalisation, which .NET provides only with ICU: run with "
                + "InvariantGlobalization=false (runtime setting System.Globalization.Invariant=false) with libicu installed.");
        }
    }
}
