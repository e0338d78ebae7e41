using Disambig.Grains.Hosting;

namespace Disambig.Grains.Names;

/// <summary>
/// Turns a fresh clustering into the name's entities while respecting its curators (pure): an accepted result keeps its
/// entities (tracks seen before stay where they were; new tracks join the entity with the nearest centroid); a rejected
/// split stays whole unless the name's tracks changed by more than <see cref="CurationOptions.ReopenRejectedSplitShare"/>;
/// otherwise the fresh clustering is proposed, its entity ids matched to the previous ones (<see cref="EntityIds"/>), and a
/// name kept whole for an unsure split (<see cref="NameClusters.ProposedSplit"/>) awaits review like a proposed split.
/// A sweep in which no track of a decided name could be embedded keeps the decided entities and the decision.
/// Curated entities report confidence 1: a curator, not the threshold, holds them.
/// </summary>
public static class CuratedClustering
{
    /// <param name="fresh">The clustering of this sweep.</param>
    /// <param name="usable">Usable tracks in catalog order with their [d] unit vectors (those <paramref name="fresh"/> clustered).</param>
    /// <param name="trackIds">Every track id of the name, usable or not.</param>
    /// <param name="previous">The name's previous result, or null.</param>
    /// <param name="curation">The name's curation before this sweep.</param>
    /// <param name="options">Reopening share and confidence flag.</param>
    public static (NameClusters Clusters, NameCuration Curation) Apply(
        NameClusters fresh, IReadOnlyList<(string TrackId, float[] Vector)> usable, IReadOnlyList<string> trackIds,
        NameResult? previous, NameCuration curation, CurationOptions options)
    {
        var before = previous?.Entities ?? [];
        var review = curation.Review;
        // A sweep that embedded none of the name's tracks (a bad night) changes no curator's decision: the decided
        // entities and the review stay as they were, to be applied again when the tracks embed.
        if (review?.State is ReviewState.Accepted or ReviewState.Rejected && usable.Count == 0 && before.Count > 0)
            return (Curated(before), curation);
        if (review?.State == ReviewState.Accepted && usable.Count > 0 && KeepAccepted(before, usable) is { Count: > 0 } kept)
            return (Curated(kept), curation with { LastEntityId = Math.Max(curation.LastEntityId, kept.Max(e => e.Entity)) });
        if (review?.State == ReviewState.Rejected && usable.Count > 0
            && curation.ChangedSinceRejection(trackIds) <= options.ReopenRejectedSplitShare)
        {
            var (whole, lastId) = EntityIds.Assign(before, [new EntityResult(0, [.. usable.Select(t => t.TrackId)], 1)], curation.LastEntityId);
            return (Curated(whole), curation with { LastEntityId = lastId });
        }
        var (entities, last) = EntityIds.Assign(before, fresh.Entities, curation.LastEntityId);
        var awaiting = fresh.Decision == NameDecision.Split || fresh.ProposedSplit is not null
            || (fresh.Decision == NameDecision.KeptWhole && fresh.SplitConfidence < options.ConfidentFrom);
        var proposal = new NameReview(awaiting ? ReviewState.Awaiting : ReviewState.NotNeeded, null, null);
        return (fresh with { Entities = entities }, curation with { LastEntityId = last, Review = proposal, RejectedWith = null });
    }

    /// <summary>Entities held by a curator: split when more than one, full confidence.</summary>
    internal static NameClusters Curated(IReadOnlyList<EntityResult> entities) =>
        new(entities.Count > 1 ? NameDecision.Split : NameDecision.KeptWhole, 1, [.. entities.Select(e => e with { Confidence = 1 })]);

    /// <summary>
    /// The accepted entities over this sweep's usable tracks: a track keeps its entity; a track new to the entities joins
    /// the one whose centroid (mean of its usable tracks' vectors) is nearest in Euclidean distance. Entities left without
    /// tracks are dropped; empty when no accepted track is usable any more.
    /// </summary>
    internal static IReadOnlyList<EntityResult> KeepAccepted(IReadOnlyList<EntityResult> accepted, IReadOnlyList<(string TrackId, float[] Vector)> usable)
    {
        var entityOf = accepted.SelectMany(e => e.TrackIds.Select(t => (Track: t, e.Entity))).ToDictionary(p => p.Track, p => p.Entity, StringComparer.Ordinal);
        var centroids = usable.Where(t => entityOf.ContainsKey(t.TrackId))
            .GroupBy(t => entityOf[t.TrackId])
            .ToDictionary(g => g.Key, g => Mean(g.Select(t => t.Vector).ToList()));
        if (centroids.Count == 0) return [];
        var members = centroids.Keys.ToDictionary(id => id, _ => new List<string>());
        foreach (var (trackId, vector) in usable)
        {
            var entity = entityOf.TryGetValue(trackId, out var known) && centroids.ContainsKey(known)
                ? known
                : centroids.MinBy(c => SquaredDistance(c.Value, vector)).Key;
            members[entity].Add(trackId);
        }
        return [.. members.OrderBy(m => m.Key).Select(m => new EntityResult(m.Key, m.Value, 1))];
    }

    private static double[] Mean(IReadOnlyList<float[]> vectors)
    {
        var mean = new double[vectors[0].Length];
        foreach (var vector in vectors)
        {
            for (var k = 0; k < mean.Length; k++) mean[k] += vector[k] / (double)vectors.Count;
        }
        return mean;
    }

    private static double SquaredDistance(double[] centroid, float[] vector)
    {
        if (centroid.Length != vector.Length)
            throw new ArgumentException($"A track vector has {vector.Length} dimensions where the entity centroid has {centroid.Length}.", nameof(vector));
        var sum = 0.0;
        for (var k = 0; k < centroid.Length; k++) sum += (centroid[k] - vector[k]) * (centroid[k] - vector[k]);
        return sum;
    }
}
