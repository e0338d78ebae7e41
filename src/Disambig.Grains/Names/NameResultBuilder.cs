namespace Disambig.Grains.Names;

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
        var usable = outcomes.Where(o => o.Vector is not null).Select(o => (o.TrackId, o.Vector!)).ToList();
        var failures = outcomes.Where(o => o.Failure is not null).Select(o => o.Failure!).ToList();
        var clusters = NameClustering.Cluster(usable, request.Model.Threshold, cancellationToken, maxExactTracks);
        var result = new NameResult(nameKey, displayName, request.SweepId, request.Model, clusters.Decision,
            clusters.SplitConfidence, clusters.Entities, failures, completedAt);
        var outcome = new NameOutcome(nameKey, clusters.Decision, clusters.Entities.Count,
            outcomes.Count(o => o.Kind == TrackOutcomeKind.Embedded),
            outcomes.Count(o => o.Kind == TrackOutcomeKind.Cached),
            failures);
        return (result, outcome);
    }
}
