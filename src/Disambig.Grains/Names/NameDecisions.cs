namespace Disambig.Grains.Names;

/// <summary>
/// Applies a curator's decision to a name's latest result (pure): accept keeps the entities as they are; accepting the
/// proposed split of a name kept whole for an unsure split applies that split (its parts' ids assigned as a split of the
/// whole entity); reject (of a split, or of an unsure split's proposal) makes the name one entity (keeping the id of the entity with most tracks, as <see cref="EntityIds"/> rules for merges) and
/// remembers the tracks it had; moving a track changes its entity (a new id when none is named) and counts as accepting
/// the result. Entities whose tracks a decision changes lose their place in the embedding space (no vectors here)
/// until the name's next run computes it again. Every applied decision is appended to the audit log with the curator and the time.
/// </summary>
public static class NameDecisions
{
    /// <param name="nameKey">The name.</param>
    /// <param name="result">Its latest result, or null.</param>
    /// <param name="curation">Its curation before the decision.</param>
    /// <param name="request">The decision.</param>
    /// <param name="trackIds">Every track id of the name, in catalog order.</param>
    /// <param name="at">The time of the decision.</param>
    public static (CurationAnswer Answer, NameCuration Curation) Apply(
        string nameKey, NameResult? result, NameCuration curation, CurationRequest request, IReadOnlyList<string> trackIds, DateTimeOffset at)
    {
        if (result is null) return Refuse(null, curation, CurationRefusal.NoResult, $"The name '{nameKey}' has no result yet.");
        if (string.IsNullOrWhiteSpace(request.Curator)) return Refuse(result, curation, CurationRefusal.Invalid, "The decision names no curator.");
        var decided = request.Action switch
        {
            CurationAction.Accept => Accept(result),
            CurationAction.Reject => Reject(result, curation, trackIds),
            CurationAction.MoveTrack => Move(result, curation, request, trackIds),
            CurationAction.AcceptProposedSplit => AcceptProposedSplit(result, curation),
            _ => Decided.No(CurationRefusal.Invalid, $"Unknown action {request.Action}."),
        };
        if (decided.Entities is null) return Refuse(result, curation, decided.Refusal!.Value, decided.Message!);

        var review = new NameReview(request.Action == CurationAction.Reject ? ReviewState.Rejected : ReviewState.Accepted, request.Curator, at);
        var clusters = CuratedClustering.Curated(decided.Entities);
        var updated = result with
        {
            Decision = clusters.Decision, SplitConfidence = clusters.SplitConfidence, Entities = clusters.Entities, Review = review,
            SplitProbability = null, ProposedSplit = null,
        };
        var moved = request.Action == CurationAction.MoveTrack;
        var entry = new CurationDecision(nameKey, request.Action, request.Curator, at, result.SweepId,
            moved ? request.TrackId : null, moved ? result.EntityOf(request.TrackId!) : null, moved ? updated.EntityOf(request.TrackId!) : null,
            [.. updated.Entities.Select(e => e.Entity)]);
        var after = curation with
        {
            LastEntityId = Math.Max(curation.LastEntityId, decided.LastId),
            Review = review,
            RejectedWith = request.Action == CurationAction.Reject ? [.. trackIds] : null,
            Decisions = [.. curation.Decisions, entry],
        };
        return (new CurationAnswer(updated, entry, null, null), after);
    }

    private static Decided Accept(NameResult result) => result.Entities.Count == 0
        ? Decided.No(CurationRefusal.NotApplicable, $"The name '{result.NameKey}' has no entities to accept (no usable track).")
        : new Decided(result.Entities, 0, null, null);

    /// <summary>The proposal of an unsure split, its parts given stable ids as a split of the whole entity (<see cref="EntityIds"/>).</summary>
    private static Decided AcceptProposedSplit(NameResult result, NameCuration curation)
    {
        if (!result.UnsureSplit)
            return Decided.No(CurationRefusal.NotApplicable, $"The name '{result.NameKey}' has no proposed split awaiting review.");
        var (entities, lastId) = EntityIds.Assign(result.Entities, result.ProposedSplit!, curation.LastEntityId);
        return new Decided(entities, lastId, null, null);
    }

    private static Decided Reject(NameResult result, NameCuration curation, IReadOnlyList<string> trackIds)
    {
        if (result.Decision != NameDecision.Split && !result.UnsureSplit)
            return Decided.No(CurationRefusal.NotApplicable, $"The name '{result.NameKey}' is not split; there is no split to reject.");
        var (whole, lastId) = EntityIds.Assign(result.Entities, [new EntityResult(0, [.. InCatalogOrder(result.Entities.SelectMany(e => e.TrackIds), trackIds)], 1)], curation.LastEntityId);
        return new Decided(whole, lastId, null, null);
    }

    private static Decided Move(NameResult result, NameCuration curation, CurationRequest request, IReadOnlyList<string> trackIds)
    {
        if (string.IsNullOrWhiteSpace(request.TrackId)) return Decided.No(CurationRefusal.Invalid, "Moving a track needs the track's id.");
        if (result.EntityOf(request.TrackId) is not { } from)
            return Decided.No(CurationRefusal.UnknownTrack, $"The track '{request.TrackId}' is in no entity of the name '{result.NameKey}'.");
        if (request.ToEntity is { } named && result.Entities.All(e => e.Entity != named))
            return Decided.No(CurationRefusal.UnknownEntity, $"The name '{result.NameKey}' has no entity {named}.");
        if (request.ToEntity == from)
            return Decided.No(CurationRefusal.NotApplicable, $"The track '{request.TrackId}' is already in entity {from}.");
        var lastId = Math.Max(curation.LastEntityId, result.Entities.Max(e => e.Entity));
        var to = request.ToEntity ?? ++lastId;
        var entities = result.Entities
            .Select(e => e.Entity == from ? e with { TrackIds = [.. e.TrackIds.Where(t => t != request.TrackId)], Place = null } : e)
            .Append(new EntityResult(to, [], 1))
            .GroupBy(e => e.Entity)
            .Select(g => g.First() with { TrackIds = [.. g.SelectMany(e => e.TrackIds)] })
            .Select(e => e.Entity == to ? e with { TrackIds = [.. InCatalogOrder(e.TrackIds.Append(request.TrackId), trackIds)], Place = null } : e)
            .Where(e => e.TrackIds.Count > 0)
            .OrderBy(e => e.Entity)
            .ToList();
        return new Decided(entities, lastId, null, null);
    }

    /// <summary><paramref name="tracks"/> in the order of <paramref name="trackIds"/>; tracks not there last, as given.</summary>
    private static IEnumerable<string> InCatalogOrder(IEnumerable<string> tracks, IReadOnlyList<string> trackIds)
    {
        var order = trackIds.Select((t, i) => (t, i)).ToDictionary(p => p.t, p => p.i, StringComparer.Ordinal);
        return tracks.OrderBy(t => order.GetValueOrDefault(t, int.MaxValue));
    }

    private static (CurationAnswer, NameCuration) Refuse(NameResult? result, NameCuration curation, CurationRefusal refusal, string message) =>
        (new CurationAnswer(result, null, refusal, message), curation);

    private sealed record Decided(IReadOnlyList<EntityResult>? Entities, int LastId, CurationRefusal? Refusal, string? Message)
    {
        public static Decided No(CurationRefusal refusal, string message) => new(null, 0, refusal, message);
    }
}
