using Disambig.Aliases;

namespace Disambig.Grains.Aliases;

/// <summary>Scores alias suggestions against a labelled catalog's truth (pure): <c>disambig run</c>'s alias figures.</summary>
public static class AliasTruth
{
    /// <summary>
    /// Each entity of <paramref name="results"/> stands for the true artist of most of its tracks (ties: the ordinally
    /// first); pairs of entities of one artist under different names are the true aliases; the suggestions are scored
    /// pairwise (<see cref="AliasMetrics.Score"/>). Suggestions naming an entity the results lack (a result changed since
    /// the alias run) are left out.
    /// </summary>
    /// <param name="results">Every name's latest result.</param>
    /// <param name="trueArtistOfTrack">True artist id of each labelled track.</param>
    /// <param name="suggestions">The alias job's suggestions.</param>
    public static AliasScores Score(IEnumerable<NameResult> results, IReadOnlyDictionary<string, string> trueArtistOfTrack, IEnumerable<AliasCandidate> suggestions)
    {
        var truth = results.SelectMany(result => result.Entities.Select(entity => (result.NameKey, entity))
                .Select(e => (e.NameKey, Entity: e.entity.Entity, Artist: e.entity.TrackIds
                    .Select(t => trueArtistOfTrack.GetValueOrDefault(t)).OfType<string>()
                    .GroupBy(a => a, StringComparer.Ordinal).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
                    .Select(g => g.Key).FirstOrDefault())))
            .Where(e => e.Artist is not null)
            .Select(e => new EntityTruth(AliasEntityIds.Of(e.NameKey, e.Entity), e.NameKey, e.Artist!))
            .ToList();
        var known = truth.Select(t => t.EntityId).ToHashSet(StringComparer.Ordinal);
        return AliasMetrics.Score(
            suggestions.Where(s => known.Contains(s.Left.EntityId) && known.Contains(s.Right.EntityId)).Select(s => (s.Left.EntityId, s.Right.EntityId)),
            truth);
    }
}
