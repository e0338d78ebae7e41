using Disambig.Grains;

namespace Disambig.Dashboard.Api;

/// <summary>A track of an entity, with what the catalog says of it (null when the catalog gave no details).</summary>
public sealed record TrackView(string TrackId, string? Title, string? Album, int? ReleaseYear);

/// <summary>Where an entity sits in the embedding space: <c>place: { centroid: [d floats], spread, tracks }</c> in JSON.</summary>
/// <param name="Centroid">Unit-length mean direction of its track vectors.</param>
/// <param name="Spread">Mean cosine distance of its track vectors to the centroid.</param>
/// <param name="Tracks">How many track vectors the centroid was computed from.</param>
public sealed record PlaceView(IReadOnlyList<float> Centroid, double Spread, int Tracks)
{
    public static PlaceView? From(EntityPlacement? place) => place is null ? null : new(place.Centroid, place.Spread, place.TrackCount);
}

/// <summary>
/// One proposed artist entity: one page of its tracks, the albums and release years they come from, and its confidence.
/// </summary>
/// <param name="Tracks">Its tracks from <see cref="Offset"/>, at most the view's limit (<see cref="EntityTrackWindow"/>).</param>
/// <param name="Albums">Distinct albums of the listed tracks, in track order.</param>
/// <param name="ReleaseYears">Distinct release years of the listed tracks, ascending.</param>
/// <param name="Place">Its place in the embedding space; null before places existed or after a curator changed its tracks.</param>
public sealed record EntityView(
    int Entity, double Confidence, IReadOnlyList<TrackView> Tracks, IReadOnlyList<string> Albums, IReadOnlyList<int> ReleaseYears, PlaceView? Place)
{
    /// <summary>All its tracks, listed or not.</summary>
    public int TrackCount { get; init; }

    /// <summary>Where <see cref="EntityView.Tracks"/> starts among its tracks.</summary>
    public int Offset { get; init; }

    /// <summary>The offset of the next page of its tracks; null after the last.</summary>
    public int? NextOffset { get; init; }

    /// <summary>The offset of the previous page of its tracks; null on the first.</summary>
    public int? PreviousOffset { get; init; }
}

/// <summary>
/// Which of its entities' tracks a name view lists (<c>/api/names/{name}?entity=&amp;offset=&amp;limit=</c>): at most
/// <paramref name="Limit"/> per entity, from <paramref name="Offset"/> for entity <paramref name="Entity"/> and from the
/// first track for the others, so a name of 50 000 tracks is sent and drawn a page at a time.
/// </summary>
/// <param name="Entity">The entity paged; null: every entity from its first track.</param>
/// <param name="Offset">Where entity <paramref name="Entity"/>'s page starts (0 or more).</param>
/// <param name="Limit">Tracks per entity: 1 to <see cref="MaxLimit"/>.</param>
public sealed record EntityTrackWindow(int? Entity, int Offset, int Limit)
{
    /// <summary>Tracks per entity when the request names no <c>limit</c>.</summary>
    public const int DefaultLimit = 100;

    /// <summary>Most tracks per entity in one view.</summary>
    public const int MaxLimit = 500;

    /// <summary>Every entity's first <see cref="DefaultLimit"/> tracks.</summary>
    public static EntityTrackWindow First { get; } = new(null, 0, DefaultLimit);

    /// <summary>The window a request asks for: a limit out of range is brought into it; a negative offset is refused.</summary>
    /// <exception cref="ArgumentException">The offset is negative, or given without an entity.</exception>
    public static EntityTrackWindow From(int? entity, int? offset, int? limit)
    {
        if (offset is < 0) throw new ArgumentException($"The offset must be 0 or more, not {offset}.", nameof(offset));
        if (offset is > 0 && entity is null) throw new ArgumentException("An offset pages one entity's tracks: give the entity too (?entity=&offset=).", nameof(offset));
        return new EntityTrackWindow(entity, offset ?? 0, Math.Clamp(limit ?? DefaultLimit, 1, MaxLimit));
    }

    /// <summary>Where the page of <paramref name="entity"/> starts.</summary>
    public int OffsetOf(int entity) => entity == Entity ? Offset : 0;

    /// <summary>
    /// The ids <paramref name="entity"/> lists on its page from <paramref name="offset"/>: cut here from a whole
    /// result's list, or, when <see cref="EntityResult.TrackCount"/> is set, its <see cref="EntityResult.TrackIds"/>
    /// already are that page (<see cref="NameViewReader"/>).
    /// </summary>
    public IEnumerable<string> ListedIds(EntityResult entity, int offset) =>
        (entity.TrackCount is null ? entity.TrackIds.Skip(offset) : entity.TrackIds).Take(Limit);
}

/// <summary>The proposed split of one artist name, as <c>/api/names/{name}</c> shows it.</summary>
/// <param name="SplitConfidence">In [0, 1]: how clear-cut the number of entities is.</param>
/// <param name="Entities">Entities by stable id (<see cref="EntityView.Entity"/> stays across sweeps).</param>
/// <param name="Review">Where the name stands with its curators.</param>
/// <param name="Picture">The name at a glance; null before a run that drew it.</param>
public sealed record NameView(
    string NameKey,
    string DisplayName,
    string SweepId,
    ModelView Model,
    string Decision,
    double SplitConfidence,
    DateTimeOffset CompletedAt,
    IReadOnlyList<EntityView> Entities,
    IReadOnlyList<FailureView> Failures,
    ReviewView Review,
    PictureView? Picture)
{
    /// <summary>Alias suggestions naming an entity of this name: "possibly the same artist as …" (empty when none).</summary>
    public IReadOnlyList<AliasLinkView> PossiblyTheSameAs { get; init; } = [];

    /// <summary>The calibrated probability that the name's split is right; null when not split or not calibrated.</summary>
    public double? SplitProbability { get; init; }

    /// <summary>
    /// For a name kept whole because its split was unsure: the entities the split would make (numbered 1 … k), which a
    /// curator can accept (<c>accept-split</c>); null otherwise.
    /// </summary>
    public IReadOnlyList<EntityView>? ProposedSplit { get; init; }

    /// <summary>Tracks without a vector, listed or not (<see cref="Failures"/> lists at most the window's limit).</summary>
    public int FailureCount { get; init; }

    /// <summary>
    /// Joins the result's entities with the name's tracks for their titles, albums and years, listing the tracks of
    /// <paramref name="window"/> (default <see cref="EntityTrackWindow.First"/>). An entity whose
    /// <see cref="EntityResult.TrackCount"/> is set lists its <see cref="EntityResult.TrackIds"/> as the window's page
    /// already (<see cref="NameViewReader"/> cuts it from a big name's pages); one without is cut here.
    /// </summary>
    public static NameView From(NameResult result, IReadOnlyList<TrackRef> tracks, NamePicture? picture = null, EntityTrackWindow? window = null)
    {
        window ??= EntityTrackWindow.First;
        var byId = tracks.GroupBy(t => t.TrackId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        TrackView Track(string id) => byId.GetValueOrDefault(id)?.Details is { } d
            ? new TrackView(id, d.Title, d.Album, d.ReleaseYear)
            : new TrackView(id, null, null, null);
        EntityView Entity(EntityResult entity, int offset)
        {
            var views = window.ListedIds(entity, offset).Select(Track).ToList();
            var total = entity.Tracks;
            return new EntityView(entity.Entity, entity.Confidence, views,
                views.Select(t => t.Album).OfType<string>().Distinct(StringComparer.Ordinal).ToList(),
                views.Select(t => t.ReleaseYear).OfType<int>().Distinct().Order().ToList(), PlaceView.From(entity.Place))
            {
                TrackCount = total,
                Offset = offset,
                NextOffset = offset + views.Count < total && views.Count > 0 ? offset + views.Count : null,
                PreviousOffset = offset > 0 ? Math.Max(0, Math.Min(offset, total) - window.Limit) : null,
            };
        }
        // Each point carries its entity from the name's whole result (PicturePoint.Entity). A picture stored before
        // points carried it is coloured here by the result's entities: a whole result's all, a big name's listed page.
        var drawn = picture?.Points.Where(p => p.Entity is null).Select(p => p.TrackId).ToHashSet(StringComparer.Ordinal) ?? [];
        var entityOf = result.EntitiesOf(drawn);
        return new NameView(result.NameKey, result.DisplayName, result.SweepId, ModelView.From(result.Model)!, result.Decision.ToString(),
            result.SplitConfidence, result.CompletedAt, [.. result.Entities.Select(e => Entity(e, window.OffsetOf(e.Entity)))],
            result.Failures.Take(window.Limit).Select(f => FailureView.From(result.NameKey, f)).ToList(),
            ReviewView.From(result), PictureView.From(picture, Track, id => entityOf.TryGetValue(id, out var entity) ? entity : null))
        {
            SplitProbability = result.SplitProbability,
            ProposedSplit = result.UnsureSplit ? [.. result.ProposedSplit!.Select(e => Entity(e, 0))] : null,
            FailureCount = result.FailureCount ?? result.Failures.Count,
        };
    }
}

/// <summary>
/// Reads what a name view lists from the name's grain: for a big name (a <see cref="NameResult.Paged"/> summary), the
/// paged entity's tracks from one <see cref="IArtistNameGrain.GetAssignments"/> page when the summary does not list
/// them, and the details of only the tracks shown (<see cref="IArtistNameGrain.FindTracks"/>), never the whole name.
/// </summary>
public static class NameViewReader
{
    /// <summary>The view of <paramref name="result"/> (the grain's latest) listing <paramref name="window"/>.</summary>
    public static async Task<NameView> ReadAsync(IArtistNameGrain grain, NameResult result, NamePicture? picture, EntityTrackWindow window)
    {
        var listed = result with { Entities = await ListedAsync(grain, result, window), Failures = await FailuresAsync(grain, result, window) };
        var ids = listed.Entities.SelectMany(e => window.ListedIds(e, window.OffsetOf(e.Entity)))
            .Concat((listed.ProposedSplit ?? []).SelectMany(e => window.ListedIds(e, 0)))
            .Concat(picture?.Points.Select(p => p.TrackId) ?? [])
            .Distinct(StringComparer.Ordinal).ToList();
        var tracks = new List<TrackRef>(ids.Count);
        foreach (var chunk in ids.Chunk(NameResultPages.MaxPageSize)) tracks.AddRange(await grain.FindTracks(chunk));
        return NameView.From(listed, tracks, picture, window);
    }

    /// <summary>
    /// The first failures, up to the window's limit: a summary lists them only when its entities left room, so the
    /// others come from the assignments' page after the entities' tracks.
    /// </summary>
    private static async Task<IReadOnlyList<TrackFailure>> FailuresAsync(IArtistNameGrain grain, NameResult result, EntityTrackWindow window)
    {
        var wanted = Math.Min(window.Limit, result.FailureCount ?? result.Failures.Count);
        if (!result.Paged || result.Failures.Count >= wanted) return result.Failures;
        var page = await grain.GetAssignments(result.Entities.Sum(e => e.Tracks), wanted);
        return [.. page.Assignments.Select(a => a.Failure).OfType<TrackFailure>()];
    }

    /// <summary>
    /// The entities with the window's tracks: a whole result's as they are (cut by <see cref="NameView.From"/>); a
    /// summary's from its listed tracks when they cover the page, else from the page of assignments that holds them
    /// (the whole result lists entities' tracks entity after entity, in order).
    /// </summary>
    private static async Task<IReadOnlyList<EntityResult>> ListedAsync(IArtistNameGrain grain, NameResult result, EntityTrackWindow window)
    {
        if (!result.Paged) return result.Entities;
        var entities = new List<EntityResult>(result.Entities.Count);
        var start = 0;
        foreach (var entity in result.Entities)
        {
            var offset = window.OffsetOf(entity.Entity);
            var count = Math.Max(0, Math.Min(window.Limit, entity.Tracks - offset));
            IReadOnlyList<string> ids;
            if (count == 0) ids = [];
            else if (offset + count <= entity.TrackIds.Count) ids = [.. entity.TrackIds.Skip(offset).Take(count)];
            else
            {
                var page = await grain.GetAssignments(start + offset, count);
                ids = [.. page.Assignments.Where(a => a.Entity == entity.Entity).Select(a => a.TrackId)];
            }
            entities.Add(entity with { TrackIds = ids, TrackCount = entity.Tracks });
            start += entity.Tracks;
        }
        return entities;
    }
}

/// <summary>A registered model version.</summary>
public sealed record ModelVersionView(string Version, double Threshold, int Dimension, DateTimeOffset RegisteredAt, string Source, bool IsCurrent);

/// <summary>The model in use and every registered version, oldest first, as <c>/api/models</c> shows them.</summary>
public sealed record ModelsView(ModelVersionView? Current, IReadOnlyList<ModelVersionView> Registered)
{
    public static ModelsView From(ModelVersionInfo? current, IReadOnlyList<ModelVersionInfo> registered)
    {
        ModelVersionView View(ModelVersionInfo m) =>
            new(m.Version, m.Threshold, m.Dimension, m.RegisteredAt, m.Source, m.Version == current?.Version);
        return new ModelsView(current is null ? null : View(current), registered.Select(View).ToList());
    }
}
