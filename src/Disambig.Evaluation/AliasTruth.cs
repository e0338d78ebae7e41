using Disambig.Aliases;

namespace Disambig.Evaluation;

/// <summary>One entity of a name's result, as alias scoring needs it: its stable id, its name and its tracks.</summary>
public sealed record ScoredEntity(string EntityId, string NameKey, IReadOnlyCollection<string> TrackIds);

/// <summary>Scores alias suggestions against a labelled catalog's truth (pure): <c>disambig run</c>'s alias figures.</summary>
public static class AliasTruth
{
    /// <summary>
    /// Each entity stands for the true artist of most of its tracks (ties: the ordinally first); pairs of entities of
    /// one artist under different names are the true aliases; the suggestions (pairs of entity ids) are scored pairwise
    /// (<see cref="AliasMetrics.Score"/>). Suggestions naming an entity the results lack (a result changed since the
    /// alias run) are left out.
    /// </summary>
    public static AliasScores Score(
        IEnumerable<ScoredEntity> entities, IReadOnlyDictionary<string, string> trueArtistOfTrack, IEnumerable<(string Left, string Right)> suggestions)
    {
        var truth = entities
            .Select(e => (Entity: e, Artist: e.TrackIds
                .Select(t => trueArtistOfTrack.GetValueOrDefault(t)).OfType<string>()
                .GroupBy(a => a, StringComparer.Ordinal).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => g.Key).FirstOrDefault()))
            .Where(e => e.Artist is not null)
            .Select(e => new EntityTruth(e.Entity.EntityId, e.Entity.NameKey, e.Artist!))
            .ToList();
        var known = truth.Select(t => t.EntityId).ToHashSet(StringComparer.Ordinal);
        return AliasMetrics.Score(suggestions.Where(s => known.Contains(s.Left) && known.Contains(s.Right)), truth);
    }
}
