using Disambig.Grains;

namespace Disambig.Dashboard.Api;

/// <summary>Where a name stands with its curators: <c>NotNeeded</c>, <c>Awaiting</c>, <c>Accepted</c> or <c>Rejected</c>.</summary>
public sealed record ReviewView(string State, string? DecidedBy, DateTimeOffset? DecidedAt)
{
    public static ReviewView From(NameResult result) =>
        new(result.ReviewState.ToString(), result.Review?.DecidedBy, result.Review?.DecidedAt);
}

/// <summary>One entry of a name's audit log.</summary>
public sealed record DecisionView(
    string NameKey, string Action, string Curator, DateTimeOffset At, string SweepId, string? TrackId, int? FromEntity, int? ToEntity, IReadOnlyList<int> Entities)
{
    public static DecisionView From(CurationDecision d) =>
        new(d.NameKey, d.Action.ToString(), d.Curator, d.At, d.SweepId, d.TrackId, d.FromEntity, d.ToEntity, d.Entities);
}

/// <summary>A name awaiting review, as <c>/api/review</c> lists it.</summary>
/// <param name="Tracks">Tracks in its entities (its weight in the catalog).</param>
public sealed record QueueItem(string NameKey, string DisplayName, string Decision, double SplitConfidence, int Entities, int Tracks, string SweepId);

/// <summary>One page of the review queue.</summary>
/// <param name="Total">Names awaiting review in all.</param>
/// <param name="NextCursor">Pass as <c>?cursor=</c> for the next page; null on the last.</param>
public sealed record ReviewQueue(IReadOnlyList<QueueItem> Names, int Total, string? NextCursor)
{
    /// <summary>
    /// Names awaiting review (proposed splits, and names kept whole but not confidently), least confident first, then
    /// most tracks first, then by name; <paramref name="limit"/> of them from <paramref name="offset"/>.
    /// </summary>
    public static ReviewQueue Page(IEnumerable<NameResult> results, int offset, int limit)
    {
        var awaiting = results.Where(r => r.ReviewState == ReviewState.Awaiting)
            .Select(r => new QueueItem(r.NameKey, r.DisplayName, r.Decision.ToString(), r.SplitConfidence, r.Entities.Count,
                r.Entities.Sum(e => e.TrackIds.Count), r.SweepId))
            .OrderBy(i => i.SplitConfidence).ThenByDescending(i => i.Tracks).ThenBy(i => i.NameKey, StringComparer.Ordinal)
            .ToList();
        var page = awaiting.Skip(offset).Take(limit).ToList();
        var next = offset + page.Count < awaiting.Count ? (offset + page.Count).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
        return new ReviewQueue(page, awaiting.Count, next);
    }
}
