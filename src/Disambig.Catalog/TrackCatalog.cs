namespace Disambig.Catalog;

/// <summary>The tracks credited to one artist name (one <see cref="ArtistNameKey"/>), in catalog order.</summary>
/// <param name="Key">The normalised name (see <see cref="ArtistNameKey"/>).</param>
/// <param name="DisplayName">The name as first written in the catalog.</param>
/// <param name="Tracks">The tracks credited to it.</param>
public sealed record CreditedName(string Key, string DisplayName, IReadOnlyList<CatalogTrack> Tracks);

/// <summary>A validated set of catalog tracks with unique ids, grouped by credited artist name.</summary>
/// <remarks>Not named <c>Catalog</c>: that would collide with the <c>Disambig.Catalog</c> namespace in every <c>Disambig.*</c> caller.</remarks>
public sealed class TrackCatalog
{
    private readonly Dictionary<string, CatalogTrack> _byTrackId;
    private readonly Dictionary<string, CreditedName> _byKey;

    private TrackCatalog(IReadOnlyList<CatalogTrack> tracks)
    {
        Tracks = tracks;
        _byTrackId = new Dictionary<string, CatalogTrack>(tracks.Count, StringComparer.Ordinal);
        foreach (var track in tracks)
        {
            if (!_byTrackId.TryAdd(track.TrackId, track))
            {
                throw new ArgumentException($"Duplicate track id '{track.TrackId}'.", nameof(tracks));
            }
        }
        Names = [.. tracks
            .GroupBy(track => ArtistNameKey.From(track.ArtistName), StringComparer.Ordinal)
            .Select(group => new CreditedName(group.Key, group.First().ArtistName, [.. group]))];
        _byKey = Names.ToDictionary(name => name.Key, StringComparer.Ordinal);
    }

    /// <summary>All tracks, in catalog order.</summary>
    public IReadOnlyList<CatalogTrack> Tracks { get; }

    /// <summary>The credited names, in order of first appearance.</summary>
    public IReadOnlyList<CreditedName> Names { get; }

    /// <summary>A catalog of the given tracks.</summary>
    /// <exception cref="ArgumentException">Two tracks share an id.</exception>
    public static TrackCatalog FromTracks(IEnumerable<CatalogTrack> tracks) => new([.. tracks]);

    /// <summary>Reads and validates a <c>catalog.jsonl</c> file (see <see cref="CatalogJsonLines"/>).</summary>
    public static async Task<TrackCatalog> LoadAsync(string path, CancellationToken cancellationToken = default) =>
        new(await CatalogJsonLines.ReadFileAsync(path, cancellationToken));

    /// <summary>The tracks credited to <paramref name="artistName"/> under any spelling with the same key, or null.</summary>
    public CreditedName? FindName(string artistName) => _byKey.GetValueOrDefault(ArtistNameKey.From(artistName));

    /// <summary>The track with id <paramref name="trackId"/>, or null.</summary>
    public CatalogTrack? FindTrack(string trackId) => _byTrackId.GetValueOrDefault(trackId);
}
