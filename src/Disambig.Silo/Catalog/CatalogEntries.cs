using Disambig.Catalog;
using Disambig.Grains;

namespace Disambig.Silo;

/// <summary>Turns catalog records into what the catalog grain ingests.</summary>
public static class CatalogEntries
{
    /// <summary>One entry per track, keyed by its normalised artist name.</summary>
    /// <param name="tracks">Validated catalog records.</param>
    /// <param name="pathPrefix">Prepended to every audio path: the catalog file's folder within the catalog store ("" or ending with '/').</param>
    public static IReadOnlyList<CatalogEntry> From(IEnumerable<CatalogTrack> tracks, string pathPrefix = "") =>
        tracks.Select(track => new CatalogEntry(track.TrackId, ArtistNameKey.From(track.ArtistName), track.ArtistName, pathPrefix + track.AudioPath,
            new TrackDetails(track.Title, track.AlbumTitle ?? track.AlbumId, track.ReleaseDate.Year))).ToList();
}
