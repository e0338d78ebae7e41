using Disambig.Aliases;

namespace Disambig.Grains.Aliases;

/// <summary>Turns a name's result and tracks into the entities the alias search sees (pure).</summary>
public static class AliasEntities
{
    /// <summary>
    /// The placed entities of <paramref name="result"/>, named by stable ids (<see cref="AliasEntityIds"/>), with the
    /// albums and release years of their tracks from <paramref name="tracks"/>. Entities without a place (a curator
    /// changed them since the last run, or results written before places existed) are left out until the next run.
    /// </summary>
    public static IReadOnlyList<AliasEntity> From(NameResult? result, IReadOnlyList<TrackRef> tracks)
    {
        if (result is null) return [];
        var details = tracks.Where(t => t.Details is not null).ToDictionary(t => t.TrackId, t => t.Details!, StringComparer.Ordinal);
        return
        [
            .. result.Entities.Where(e => e.Place is { TrackCount: > 0 } place && place.Centroid.Count > 0).Select(entity => new AliasEntity(
                AliasEntityIds.Of(result.NameKey, entity.Entity),
                result.NameKey,
                new EntityPlace([.. entity.Place!.Centroid], entity.Place.Spread, entity.Place.TrackCount),
                [.. entity.TrackIds.Select(id => details.GetValueOrDefault(id)).OfType<TrackDetails>().Select(d => new AlbumCredit(d.Album, d.ReleaseYear))])),
        ];
    }

    /// <summary>Whether two versions of an entity differ in what the search or the evidence reads.</summary>
    public static bool Differs(AliasEntity held, AliasEntity fresh) =>
        !string.Equals(held.Name, fresh.Name, StringComparison.Ordinal)
        || held.Place.TrackCount != fresh.Place.TrackCount
        || held.Place.Spread != fresh.Place.Spread
        || !held.Place.Centroid.AsSpan().SequenceEqual(fresh.Place.Centroid)
        || !held.Albums.SequenceEqual(fresh.Albums);

    /// <summary>A suggestion of the core as the contracts carry it.</summary>
    /// <param name="suggestion">The core's suggestion.</param>
    /// <param name="displayNameOf">Display name of a name key.</param>
    public static AliasCandidate ToCandidate(AliasSuggestion suggestion, Func<string, string> displayNameOf)
    {
        AliasCandidateSide Side(AliasSide side) => new(
            side.EntityId, side.Name, displayNameOf(side.Name), AliasEntityIds.Parse(side.EntityId).Entity,
            side.TrackCount, side.Spread, side.Albums, side.Years);
        return new AliasCandidate(suggestion.Probability, suggestion.LowEvidence, suggestion.Evidence.Distance,
            suggestion.Evidence.NamesShareAnAlbum, Side(suggestion.Evidence.Left), Side(suggestion.Evidence.Right));
    }
}
