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

/// <summary>One proposed artist entity: its tracks, the albums and release years they come from, and its confidence.</summary>
/// <param name="Albums">Distinct albums of its tracks, in track order.</param>
/// <param name="ReleaseYears">Distinct release years, ascending.</param>
/// <param name="Place">Its place in the embedding space; null before places existed or after a curator changed its tracks.</param>
public sealed record EntityView(
    int Entity, double Confidence, IReadOnlyList<TrackView> Tracks, IReadOnlyList<string> Albums, IReadOnlyList<int> ReleaseYears, PlaceView? Place);

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

    /// <summary>Joins the result's entities with the name's tracks for their titles, albums and years.</summary>
    public static NameView From(NameResult result, IReadOnlyList<TrackRef> tracks, NamePicture? picture = null)
    {
        var byId = tracks.ToDictionary(t => t.TrackId, StringComparer.Ordinal);
        TrackView Track(string id) => byId.GetValueOrDefault(id)?.Details is { } d
            ? new TrackView(id, d.Title, d.Album, d.ReleaseYear)
            : new TrackView(id, null, null, null);
        EntityView Entity(EntityResult entity)
        {
            var views = entity.TrackIds.Select(Track).ToList();
            return new EntityView(entity.Entity, entity.Confidence, views,
                views.Select(t => t.Album).OfType<string>().Distinct(StringComparer.Ordinal).ToList(),
                views.Select(t => t.ReleaseYear).OfType<int>().Distinct().Order().ToList(), PlaceView.From(entity.Place));
        }
        return new NameView(result.NameKey, result.DisplayName, result.SweepId, ModelView.From(result.Model)!, result.Decision.ToString(),
            result.SplitConfidence, result.CompletedAt, [.. result.Entities.Select(Entity)], result.Failures.Select(f => FailureView.From(result.NameKey, f)).ToList(),
            ReviewView.From(result), PictureView.From(picture, Track))
        {
            SplitProbability = result.SplitProbability,
            ProposedSplit = result.UnsureSplit ? [.. result.ProposedSplit!.Select(Entity)] : null,
        };
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
