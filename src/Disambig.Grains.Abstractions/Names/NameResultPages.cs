namespace Disambig.Grains;

/// <summary>One track of a name's result: its entity, or why it yielded no vector.</summary>
/// <param name="TrackId">The track.</param>
/// <param name="Entity">Its entity's id; null when it failed.</param>
/// <param name="Failure">Why it failed; null when it has an entity.</param>
[GenerateSerializer, Immutable, Alias("Disambig.TrackAssignment")]
public sealed record TrackAssignment([property: Id(0)] string TrackId, [property: Id(1)] int? Entity, [property: Id(2)] TrackFailure? Failure);

/// <summary>A page of a result's tracks: entities' tracks first (by entity, in their order), then failures.</summary>
/// <param name="Assignments">The tracks of the page.</param>
/// <param name="Total">Tracks in the whole result.</param>
/// <param name="NextOffset">Where the next page starts; null after the last.</param>
[GenerateSerializer, Immutable, Alias("Disambig.TrackAssignmentPage")]
public sealed record TrackAssignmentPage(
    [property: Id(0)] IReadOnlyList<TrackAssignment> Assignments, [property: Id(1)] int Total, [property: Id(2)] int? NextOffset);

/// <summary>A page of a name's tracks.</summary>
/// <param name="Tracks">The tracks of the page, in the order they were added.</param>
/// <param name="Total">Tracks of the name.</param>
/// <param name="NextOffset">Where the next page starts; null after the last.</param>
[GenerateSerializer, Immutable, Alias("Disambig.TrackRefPage")]
public sealed record TrackRefPage([property: Id(0)] IReadOnlyList<TrackRef> Tracks, [property: Id(1)] int Total, [property: Id(2)] int? NextOffset);

/// <summary>
/// Big names' results in pieces that fit a message (pure, but for <see cref="ReadWholeResultAsync"/>): the summary a
/// grain keeps and returns, the pages of its tracks' assignments, and the whole result put back together from them.
/// </summary>
public static class NameResultPages
{
    /// <summary>Most tracks in one page (5 000 track ids with their entities are well under 1 MB).</summary>
    public const int MaxPageSize = 5_000;

    /// <summary>Tracks a result lists: its entities' tracks and its failures.</summary>
    public static int TrackCount(NameResult result) =>
        result.Entities.Sum(e => e.Tracks) + (result.FailureCount ?? result.Failures.Count);

    /// <summary>
    /// <paramref name="result"/> itself when it lists at most <paramref name="listed"/> tracks; otherwise its
    /// <see cref="NameResult.Paged"/> summary, listing the first <paramref name="listed"/> tracks (entities in order, then failures).
    /// </summary>
    public static NameResult Summary(NameResult result, int listed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(listed);
        if (result.Paged || TrackCount(result) <= listed) return result;
        var (entities, budget) = Listed(result.Entities, listed);
        return result with
        {
            Entities = entities,
            Failures = [.. result.Failures.Take(budget)],
            FailureCount = result.Failures.Count,
            Paged = true,
            ProposedSplit = result.ProposedSplit is { } proposal ? Listed(proposal, listed).Entities : null,
        };
    }

    /// <summary>The entities listing their first <paramref name="listed"/> tracks in all, and the tracks left to list.</summary>
    private static (IReadOnlyList<EntityResult> Entities, int Left) Listed(IReadOnlyList<EntityResult> entities, int listed)
    {
        var budget = listed;
        var kept = entities.Select(entity =>
        {
            var tracks = entity.TrackIds.Take(budget).ToList();
            budget -= tracks.Count;
            return entity with { TrackIds = tracks, TrackCount = entity.TrackIds.Count };
        }).ToList();
        return (kept, budget);
    }

    /// <summary>Tracks <paramref name="offset"/> to <paramref name="offset"/> + <paramref name="limit"/> of a whole result.</summary>
    public static TrackAssignmentPage Page(NameResult? whole, int offset, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        if (whole is null) return new TrackAssignmentPage([], 0, null);
        if (whole.Paged) throw new ArgumentException($"The result of '{whole.NameKey}' is a summary; pages are cut from the whole result.", nameof(whole));
        limit = Math.Min(limit, MaxPageSize);
        var total = TrackCount(whole);
        var page = whole.Entities.SelectMany(e => e.TrackIds.Select(t => new TrackAssignment(t, e.Entity, null)))
            .Concat(whole.Failures.Select(f => new TrackAssignment(f.TrackId, null, f)))
            .Skip(offset).Take(limit).ToList();
        return new TrackAssignmentPage(page, total, offset + page.Count < total ? offset + page.Count : null);
    }

    /// <summary>The whole result of <paramref name="summary"/> from every page of its assignments.</summary>
    public static NameResult Restore(NameResult summary, IEnumerable<TrackAssignment> assignments)
    {
        if (!summary.Paged) return summary;
        var all = assignments.ToList();
        var tracksOf = all.Where(a => a.Entity is not null).GroupBy(a => a.Entity!.Value).ToDictionary(g => g.Key, g => g.Select(a => a.TrackId).ToList());
        return summary with
        {
            Entities = [.. summary.Entities.Select(e => e with { TrackIds = tracksOf.GetValueOrDefault(e.Entity) ?? [], TrackCount = null })],
            Failures = [.. all.Where(a => a.Failure is not null).Select(a => a.Failure!)],
            FailureCount = null,
            Paged = false,
        };
    }

    /// <summary>Every track of <paramref name="grain"/>, read a page at a time (no message larger than a page).</summary>
    public static async Task<IReadOnlyList<TrackRef>> ReadAllTracksAsync(this IArtistNameGrain grain, int pageSize = MaxPageSize)
    {
        return await ReadAllAsync(async offset =>
        {
            var page = await grain.GetTrackPage(offset, pageSize);
            return (page.Tracks, page.NextOffset);
        });
    }

    /// <summary>The latest result of <paramref name="grain"/>, whole: for a paged one, read page by page.</summary>
    public static async Task<NameResult?> ReadWholeResultAsync(this IArtistNameGrain grain, int pageSize = MaxPageSize)
    {
        var result = await grain.GetResult();
        if (result is not { Paged: true } summary) return result;
        var assignments = await ReadAllAsync(async offset =>
        {
            var page = await grain.GetAssignments(offset, pageSize);
            return (page.Assignments, page.NextOffset);
        });
        return Restore(summary, assignments);
    }

    /// <summary>Every item of an offset-paged read, page after page until the page that names no next offset.</summary>
    private static async Task<List<T>> ReadAllAsync<T>(Func<int, Task<(IReadOnlyList<T> Items, int? NextOffset)>> readPage)
    {
        var items = new List<T>();
        for (int? offset = 0; offset is { } at;)
        {
            var (page, next) = await readPage(at);
            items.AddRange(page);
            offset = next;
        }
        return items;
    }

    /// <summary>
    /// <paramref name="outcome"/> itself when it lists at most <paramref name="listed"/> failures; otherwise the same
    /// outcome listing only the first <paramref name="listed"/> (with <see cref="NameOutcome.FailureCount"/>).
    /// </summary>
    public static NameOutcome Bounded(NameOutcome outcome, int listed) =>
        outcome.Failures.Count <= listed ? outcome : outcome with { Failures = [.. outcome.Failures.Take(listed)], FailureCount = outcome.TracksFailed };
}
