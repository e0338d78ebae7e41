using Disambig.Catalog;

namespace Disambig.Datasets.Recipes;

/// <summary>The tracks of one real artist of a catalog, grouped by album.</summary>
/// <param name="Key">The true artist id, or the credited name when the catalog has no true ids.</param>
/// <param name="Tracks">The artist's tracks in catalog order.</param>
/// <param name="Tags">The genre tags of its tracks, first seen first.</param>
public sealed record CatalogArtist(string Key, IReadOnlyList<CatalogTrack> Tracks, IReadOnlyList<string> Tags)
{
    /// <summary>The albums (album id, tracks in catalog order), first seen first.</summary>
    public IReadOnlyList<IGrouping<string, CatalogTrack>> Albums => [.. Tracks.GroupBy(t => t.AlbumId, StringComparer.Ordinal)];

    /// <summary>The label of a track's artist.</summary>
    public static string KeyOf(CatalogTrack track) => track.TrueArtistId ?? track.ArtistName;

    /// <summary>The artists of a catalog, in order of first appearance.</summary>
    public static IReadOnlyList<CatalogArtist> From(IEnumerable<CatalogTrack> tracks) =>
        [.. tracks.GroupBy(KeyOf, StringComparer.Ordinal)
            .Select(group => new CatalogArtist(group.Key, [.. group], [.. group.SelectMany(t => t.Genres).Distinct(StringComparer.Ordinal)]))];
}
