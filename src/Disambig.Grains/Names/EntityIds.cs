using Disambig.Clustering.Assignment;

namespace Disambig.Grains.Names;

/// <summary>
/// Stable entity ids (pure). A new clustering of a name is matched to the name's previous entities by track overlap with
/// an optimal assignment (<see cref="HungarianAssignment"/>: the summed count of shared tracks over matched pairs is the
/// largest possible). A new entity matched to a previous one with at least one shared track keeps its id; every other
/// new entity gets the next unused id. Ids are never reused. So when earlier entities merge, the merged entity keeps the id
/// of the one it shares most tracks with, and the others' ids retire; when an earlier entity splits, the part sharing most
/// tracks with it keeps its id, and the other parts get new ids.
/// </summary>
public static class EntityIds
{
    /// <param name="previous">The previous entities, with their ids (empty for a first clustering).</param>
    /// <param name="clusters">The new entities; their <see cref="EntityResult.Entity"/> numbers are ignored.</param>
    /// <param name="lastId">The highest id the name ever gave (0 before any).</param>
    /// <returns>The new entities with stable ids, ordered by id, and the highest id given so far.</returns>
    public static (IReadOnlyList<EntityResult> Entities, int LastId) Assign(
        IReadOnlyList<EntityResult> previous, IReadOnlyList<EntityResult> clusters, int lastId)
    {
        lastId = Math.Max(lastId, previous.Select(e => e.Entity).DefaultIfEmpty(0).Max());
        var overlap = new double[previous.Count, clusters.Count];
        for (var i = 0; i < previous.Count; i++)
        {
            var tracks = previous[i].TrackIds.ToHashSet(StringComparer.Ordinal);
            for (var j = 0; j < clusters.Count; j++) overlap[i, j] = clusters[j].TrackIds.Count(tracks.Contains);
        }
        var ids = new int[clusters.Count];
        var assignment = HungarianAssignment.Maximise(overlap);
        for (var i = 0; i < previous.Count; i++)
        {
            if (assignment[i] >= 0 && overlap[i, assignment[i]] > 0) ids[assignment[i]] = previous[i].Entity;
        }
        for (var j = 0; j < clusters.Count; j++)
        {
            if (ids[j] == 0) ids[j] = ++lastId;
        }
        return ([.. clusters.Select((cluster, j) => cluster with { Entity = ids[j] }).OrderBy(e => e.Entity)], lastId);
    }
}
