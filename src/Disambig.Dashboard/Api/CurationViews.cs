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
public sealed record QueueItem(string NameKey, string DisplayName, string Decision, double SplitConfidence, int Entities, int Tracks, string SweepId)
{
    /// <summary>The calibrated probability that the name's split is right; null when not split or not calibrated.</summary>
    public double? SplitProbability { get; init; }

    /// <summary>True for a name kept whole because its split was unsure: <see cref="ProposedSplit"/> is what it would have been.</summary>
    public bool UnsureSplit { get; init; }

    /// <summary>For an unsure split: the proposed entities' sizes (tracks each, in entity order); null otherwise.</summary>
    public IReadOnlyList<int>? ProposedSplit { get; init; }
}

/// <summary>One page of the review queue.</summary>
/// <param name="Total">Names awaiting review in all.</param>
/// <param name="NextCursor">Pass as <c>?cursor=</c> for the next page; null on the last.</param>
public sealed record ReviewQueue(IReadOnlyList<QueueItem> Names, int Total, string? NextCursor)
{
    /// <summary>The page of the queue <c>/api/review</c> answers: every name's latest result read from the cluster, then <see cref="Page"/>.</summary>
    public static async Task<ReviewQueue> ReadAsync(IGrainFactory grains, int offset, int limit)
    {
        var results = await grains.ReadAllResultsAsync();
        return Page(results.Select(r => r.Result).OfType<NameResult>(), offset, limit);
    }

    /// <summary>
    /// Names awaiting review (proposed splits, names kept whole for an unsure split, and names kept whole but not
    /// confidently), least confident first, then most tracks first, then by name; <paramref name="limit"/> of them from
    /// <paramref name="offset"/>.
    /// </summary>
    public static ReviewQueue Page(IEnumerable<NameResult> results, int offset, int limit)
    {
        var awaiting = results.Where(r => r.ReviewState == ReviewState.Awaiting)
            .Select(r => new QueueItem(r.NameKey, r.DisplayName, r.Decision.ToString(), r.SplitConfidence, r.Entities.Count,
                r.Entities.Sum(e => e.Tracks), r.SweepId)
            {
                SplitProbability = r.SplitProbability,
                UnsureSplit = r.UnsureSplit,
                ProposedSplit = r.UnsureSplit ? [.. r.ProposedSplit!.Select(e => e.Tracks)] : null,
            })
            .OrderBy(i => i.SplitConfidence).ThenByDescending(i => i.Tracks).ThenBy(i => i.NameKey, StringComparer.Ordinal)
            .ToList();
        var page = awaiting.Skip(offset).Take(limit).ToList();
        var next = offset + page.Count < awaiting.Count ? (offset + page.Count).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
        return new ReviewQueue(page, awaiting.Count, next);
    }
}

/// <summary>A drawn track: its 2-D coordinates, what the catalog says of it (shown on hover) and its entity (its colour).</summary>
/// <param name="Entity">
/// Its entity in the name's result, whichever page of the entity's tracks the view lists, big names kept in pages
/// (<see cref="NameResult.Paged"/>) included (<see cref="PicturePoint.Entity"/>); null for a track without an entity.
/// A picture stored before its points carried their entity is coloured from the result as listed: then a big name's
/// point whose track is not on the listed page has none.
/// </param>
public sealed record PointView(string TrackId, double X, double Y, string? Title, int? Entity);

/// <summary>The name at a glance, as the page draws it: points coloured by entity, and the dendrogram cut at the threshold.</summary>
/// <param name="Merges">[left, right, height] per Ward merge; leaves are the points' indices, merge i makes node n + i.</param>
/// <param name="Sampled">True when the points are a sample of <paramref name="UsableTracks"/>.</param>
public sealed record PictureView(IReadOnlyList<PointView> Points, IReadOnlyList<double[]> Merges, double Threshold, int UsableTracks, bool Sampled)
{
    /// <param name="entityOf">The entity of a drawn track whose point carries none, or null (see <see cref="PointView.Entity"/>).</param>
    public static PictureView? From(NamePicture? picture, Func<string, TrackView> track, Func<string, int?> entityOf) => picture is null ? null : new(
        [.. picture.Points.Select(p => new PointView(p.TrackId, p.X, p.Y, track(p.TrackId).Title, p.Entity ?? entityOf(p.TrackId)))],
        [.. picture.Merges.Select(m => new[] { m.Left, m.Right, m.Height })],
        picture.Threshold, picture.UsableTracks, picture.Sampled);
}
