namespace Disambig.Catalog;

/// <summary>One track of a catalog, as a line of <c>catalog.jsonl</c> describes it (see docs/catalog.md).</summary>
/// <param name="TrackId">Unique id of the track within its catalog.</param>
/// <param name="Title">Track title.</param>
/// <param name="ArtistName">The artist name the catalog credits, as displayed (several real artists may share it).</param>
/// <param name="TrueArtistId">The real artist behind the credit, known only in labelled or synthetic catalogs; null otherwise.</param>
/// <param name="AlbumId">Id of the release the track belongs to.</param>
/// <param name="AlbumTitle">Title of that release, when known.</param>
/// <param name="ReleaseDate">Release date of the album.</param>
/// <param name="Genres">Genre tags, possibly empty.</param>
/// <param name="AudioPath">Relative, normalised path of the audio file under the catalog root (see <see cref="RelativeAudioPath"/>).</param>
public sealed record CatalogTrack(
    string TrackId,
    string Title,
    string ArtistName,
    string? TrueArtistId,
    string AlbumId,
    string? AlbumTitle,
    DateOnly ReleaseDate,
    IReadOnlyList<string> Genres,
    string AudioPath)
{
    /// <summary>Records compare their genre lists by value, so equal lines give equal records.</summary>
    public bool Equals(CatalogTrack? other) =>
        other is not null
        && TrackId == other.TrackId
        && Title == other.Title
        && ArtistName == other.ArtistName
        && TrueArtistId == other.TrueArtistId
        && AlbumId == other.AlbumId
        && AlbumTitle == other.AlbumTitle
        && ReleaseDate == other.ReleaseDate
        && Genres.SequenceEqual(other.Genres)
        && AudioPath == other.AudioPath;

    public override int GetHashCode() => HashCode.Combine(TrackId, ArtistName, AlbumId, AudioPath);
}
