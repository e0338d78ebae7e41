namespace Disambig.Aliases;

/// <summary>An entity of a labelled catalog: its id, the name it is credited under and the true artist behind it.</summary>
/// <param name="EntityId">Stable entity id.</param>
/// <param name="Name">Credited name.</param>
/// <param name="ArtistId">True artist id, shared by every entity of that artist across names.</param>
public sealed record EntityTruth(string EntityId, string Name, string ArtistId);

/// <summary>Pairwise alias scores.</summary>
/// <param name="Proposed">Distinct proposed pairs.</param>
/// <param name="Correct">Proposed pairs that are true aliases (one artist, two names).</param>
/// <param name="TruePairs">True alias pairs: entities of one artist under different names.</param>
/// <param name="Precision">Correct / Proposed; 1 when nothing is proposed (no false merge was made).</param>
/// <param name="Recall">Correct / TruePairs; 1 when the truth has no alias pair.</param>
/// <param name="F1">Harmonic mean of precision and recall (0 when both are 0).</param>
public sealed record AliasScores(long Proposed, long Correct, long TruePairs, double Precision, double Recall, double F1)
{
    /// <summary>Scores from counts.</summary>
    public static AliasScores FromCounts(long proposed, long correct, long truePairs)
    {
        var precision = proposed == 0 ? 1.0 : (double)correct / proposed;
        var recall = truePairs == 0 ? 1.0 : (double)correct / truePairs;
        var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new AliasScores(proposed, correct, truePairs, precision, recall, f1);
    }
}

/// <summary>Alias precision and recall against the truth (true artist ids across names).</summary>
public static class AliasMetrics
{
    /// <summary>Scores proposed pairs (unordered; repeats count once) against the true artists of the entities.</summary>
    /// <param name="proposed">Pairs of entity ids proposed as one artist.</param>
    /// <param name="truth">Every entity of the catalog with its name and true artist; ids distinct.</param>
    /// <exception cref="ArgumentException">An id repeats in the truth, or a proposed pair names an entity the truth lacks.</exception>
    public static AliasScores Score(IEnumerable<(string First, string Second)> proposed, IReadOnlyList<EntityTruth> truth)
    {
        ArgumentNullException.ThrowIfNull(proposed);
        ArgumentNullException.ThrowIfNull(truth);
        var byId = new Dictionary<string, EntityTruth>(StringComparer.Ordinal);
        foreach (var entity in truth)
        {
            if (!byId.TryAdd(entity.EntityId, entity))
            {
                throw new ArgumentException($"Entity '{entity.EntityId}' appears twice in the truth.", nameof(truth));
            }
        }

        var pairs = new HashSet<(string, string)>();
        long correct = 0;
        foreach (var (first, second) in proposed)
        {
            var a = Known(byId, first);
            var b = Known(byId, second);
            var key = string.CompareOrdinal(first, second) <= 0 ? (first, second) : (second, first);
            if (!pairs.Add(key))
            {
                continue;
            }

            if (IsAlias(a, b))
            {
                correct++;
            }
        }

        return AliasScores.FromCounts(pairs.Count, correct, TruePairs(truth));
    }

    /// <summary>Whether two entities are one artist under two names.</summary>
    public static bool IsAlias(EntityTruth a, EntityTruth b) =>
        string.Equals(a.ArtistId, b.ArtistId, StringComparison.Ordinal) && !string.Equals(a.Name, b.Name, StringComparison.Ordinal);

    /// <summary>Number of true alias pairs: per artist, all pairs of its entities minus those under one name.</summary>
    public static long TruePairs(IEnumerable<EntityTruth> truth) =>
        truth.GroupBy(e => e.ArtistId, StringComparer.Ordinal).Sum(artist =>
            Pairs(artist.LongCount()) - artist.GroupBy(e => e.Name, StringComparer.Ordinal).Sum(name => Pairs(name.LongCount())));

    private static long Pairs(long n) => n * (n - 1) / 2;

    private static EntityTruth Known(Dictionary<string, EntityTruth> byId, string id) =>
        byId.TryGetValue(id, out var entity)
            ? entity
            : throw new ArgumentException($"Proposed entity '{id}' is not in the truth.", nameof(byId));
}
