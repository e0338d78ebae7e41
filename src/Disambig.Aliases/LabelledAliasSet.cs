namespace Disambig.Aliases;

/// <summary>A track of a labelled catalog with its vector: what alias calibration and evaluation are built from.</summary>
/// <param name="Name">The (normalised) name the track is credited under.</param>
/// <param name="ArtistId">The true artist behind the credit.</param>
/// <param name="AlbumId">Its release.</param>
/// <param name="Year">Release year, when known.</param>
/// <param name="Vector">[d] its embedding.</param>
public sealed record LabelledTrackVector(string Name, string ArtistId, string AlbumId, int? Year, float[] Vector);

/// <summary>Labelled alias entities from labelled track vectors (pure).</summary>
public static class LabelledAliasSet
{
    /// <summary>
    /// One entity per (credited name, true artist): the entities a perfect homonym split would give, so an artist
    /// credited under several names in the catalog gives true alias pairs. Ids are <c>{name}#{artist}</c>.
    /// </summary>
    public static IReadOnlyList<LabelledAliasEntity> ByCredit(IEnumerable<LabelledTrackVector> tracks) =>
        Entities(tracks.GroupBy(t => (t.Name, t.ArtistId)), key => key.Name);

    /// <summary>
    /// Planted aliases for catalogs without any: every artist is credited under two names, its albums (in album id
    /// order) alternating between them, so an artist of two or more albums gives one true alias pair, and any pair of
    /// different artists is a false one. Artists of one album stay under one name. Ids are <c>{artist}~{0|1}</c>.
    /// </summary>
    public static IReadOnlyList<LabelledAliasEntity> AlbumSplit(IEnumerable<LabelledTrackVector> tracks)
    {
        var half = new Dictionary<(string Artist, string Album), int>();
        foreach (var artist in tracks.GroupBy(t => t.ArtistId, StringComparer.Ordinal))
        {
            var albums = artist.Select(t => t.AlbumId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            for (var i = 0; i < albums.Count; i++) half[(artist.Key, albums[i])] = i % 2;
        }
        return Entities(tracks.GroupBy(t => (Name: $"{t.ArtistId}~{half[(t.ArtistId, t.AlbumId)]}", t.ArtistId)), key => key.Name);
    }

    private static IReadOnlyList<LabelledAliasEntity> Entities(
        IEnumerable<IGrouping<(string Name, string ArtistId), LabelledTrackVector>> groups, Func<(string Name, string ArtistId), string> nameOf) =>
    [
        .. groups
            .OrderBy(g => g.Key.Name, StringComparer.Ordinal).ThenBy(g => g.Key.ArtistId, StringComparer.Ordinal)
            .Select(g =>
            {
                var id = $"{nameOf(g.Key)}#{g.Key.ArtistId}";
                var entity = new AliasEntity(id, nameOf(g.Key), EntityPlace.FromTracks([.. g.Select(t => t.Vector)], id),
                    [.. g.Select(t => new AlbumCredit(t.AlbumId, t.Year))]);
                return new LabelledAliasEntity(entity, g.Key.ArtistId);
            }),
    ];

    /// <summary>
    /// Calibrates the alias model on <paramref name="entities"/> (k = min(5, artists) folds, repeatable single-threaded
    /// index); null when there are fewer than two artists to tell apart.
    /// </summary>
    public static AliasCalibration? Calibrate(IReadOnlyList<LabelledAliasEntity> entities, CancellationToken cancellationToken = default)
    {
        var artists = entities.Select(e => e.ArtistId).Distinct(StringComparer.Ordinal).Count();
        if (artists < 2) return null;
        return AliasCalibrator.Calibrate(entities, new AliasCalibrationOptions { Folds = Math.Min(5, artists), Seed = 1 },
            new AliasOptions { InsertThreads = 1 }, cancellationToken);
    }
}
