using Disambig.Aliases;
using Disambig.Grains.Hosting;

namespace Disambig.Grains.Names;

/// <summary>What a run of a name produces.</summary>
/// <param name="Result">The result to persist and write.</param>
/// <param name="Outcome">The sweep's account of it.</param>
/// <param name="Curation">The name's curation after the run (review, entity id counter).</param>
/// <param name="Picture">The name at a glance.</param>
public sealed record NameBuild(NameResult Result, NameOutcome Outcome, NameCuration Curation, NamePicture Picture);

/// <summary>Turns a name's track outcomes into its clustering, result and outcome (pure: no grain, no I/O).</summary>
public static class NameResultBuilder
{
    /// <param name="nameKey">The name.</param>
    /// <param name="displayName">The name as written.</param>
    /// <param name="request">The sweep and model of the run.</param>
    /// <param name="outcomes">One outcome per track, in catalog order.</param>
    /// <param name="completedAt">Time stamp of the result.</param>
    /// <param name="cancellationToken">Stops a long clustering.</param>
    /// <param name="maxExactTracks">Most tracks clustered by exact Ward (<see cref="NameClustering.Cluster"/>).</param>
    public static (NameResult Result, NameOutcome Outcome) Build(
        string nameKey, string displayName, NameRunRequest request, IReadOnlyList<TrackOutcome> outcomes,
        DateTimeOffset completedAt, CancellationToken cancellationToken = default, int maxExactTracks = int.MaxValue)
    {
        var (result, outcome, _, _) = Build(nameKey, displayName, request, outcomes, completedAt, null, NameCuration.None, new CurationOptions(), cancellationToken, maxExactTracks);
        return (result, outcome);
    }

    /// <summary>
    /// As <see cref="Build(string, string, NameRunRequest, IReadOnlyList{TrackOutcome}, DateTimeOffset, CancellationToken)"/>,
    /// respecting the name's curators and keeping its entity ids stable (<see cref="CuratedClustering"/>).
    /// </summary>
    /// <param name="previous">The name's previous result, or null.</param>
    /// <param name="curation">The name's curation before this run.</param>
    /// <param name="options">How decisions are respected.</param>
    /// <param name="maxExactTracks">Most tracks clustered by exact Ward (<see cref="NameClustering.Cluster"/>).</param>
    public static NameBuild Build(
        string nameKey, string displayName, NameRunRequest request, IReadOnlyList<TrackOutcome> outcomes, DateTimeOffset completedAt,
        NameResult? previous, NameCuration curation, CurationOptions options, CancellationToken cancellationToken = default,
        int maxExactTracks = int.MaxValue)
    {
        var usable = outcomes.Where(o => o.Vector is not null).Select(o => (o.TrackId, o.Vector!)).ToList();
        var failures = outcomes.Where(o => o.Failure is not null).Select(o => o.Failure!).ToList();
        var fresh = NameClustering.Cluster(usable, request.Model.Threshold, cancellationToken, maxExactTracks, request.Model.SplitProbability);
        var (clusters, curated) = CuratedClustering.Apply(fresh, usable, [.. outcomes.Select(o => o.TrackId)], previous, curation, options);
        var entities = Placed(nameKey, clusters.Entities, usable);
        var result = new NameResult(nameKey, displayName, request.SweepId, request.Model, clusters.Decision,
            clusters.SplitConfidence, entities, failures, completedAt)
        {
            Review = curated.Review,
            SplitProbability = clusters.SplitProbability,
            ProposedSplit = clusters.ProposedSplit,
        };
        var outcome = new NameOutcome(nameKey, clusters.Decision, clusters.Entities.Count,
            outcomes.Count(o => o.Kind == TrackOutcomeKind.Embedded),
            outcomes.Count(o => o.Kind == TrackOutcomeKind.Cached),
            failures);
        return new NameBuild(result, outcome, curated, NamePictures.Draw(usable, fresh.Linkage, request.Model.Threshold, cancellationToken));
    }

    /// <summary>
    /// The final entities (after the curators' rules), each with its place in the embedding space computed from the usable
    /// vectors of its tracks (<see cref="EntityPlace.FromTracks"/>); an entity with no usable track keeps no place.
    /// </summary>
    /// <param name="nameKey">The name, for error messages.</param>
    /// <param name="entities">The entities to place.</param>
    /// <param name="usable">Usable tracks with their vectors.</param>
    internal static IReadOnlyList<EntityResult> Placed(
        string nameKey, IReadOnlyList<EntityResult> entities, IReadOnlyList<(string TrackId, float[] Vector)> usable)
    {
        var vectorOf = usable.ToDictionary(t => t.TrackId, t => t.Vector, StringComparer.Ordinal);
        return [.. entities.Select(entity =>
        {
            var vectors = entity.TrackIds.Where(vectorOf.ContainsKey).Select(t => vectorOf[t]).ToList();
            if (vectors.Count == 0) return entity with { Place = null };
            var place = EntityPlace.FromTracks(vectors, $"{nameKey}#{entity.Entity}");
            return entity with { Place = new EntityPlacement(place.Centroid, place.Spread, place.TrackCount) };
        })];
    }
}
