using Disambig.Clustering;

namespace Disambig.Grains.Names;

/// <summary>The clustering of one name: decision, split confidence and entities with their own confidence.</summary>
/// <param name="Decision">Split, kept whole, or no usable tracks.</param>
/// <param name="SplitConfidence">The clustering's confidence in the number of entities (see <see cref="SplitDecision"/>).</param>
/// <param name="Entities">Entities numbered by their first track in catalog order.</param>
public sealed record NameClusters(NameDecision Decision, double SplitConfidence, IReadOnlyList<EntityResult> Entities)
{
    /// <summary>
    /// The Ward linkage of the tracks, in their order; null for fewer than two tracks, and for a name above the exact
    /// ceiling (clustered over prototypes, whose linkage is not one of tracks).
    /// </summary>
    public Linkage? Linkage { get; init; }
}

/// <summary>
/// Clusters a name's track vectors through the clustering library's <see cref="IFlatClusterer"/> (Ward cut at the
/// model's threshold, <see cref="WardThresholdClusterer"/>) and numbers its entities (pure: no grain, no I/O).
/// </summary>
public static class NameClustering
{
    /// <param name="tracks">Usable tracks in catalog order, each with its [d] unit vector.</param>
    /// <param name="threshold">The model's calibrated Ward distance threshold.</param>
    /// <param name="cancellationToken">Stops a long clustering.</param>
    /// <param name="maxExactTracks">Most tracks clustered by exact Ward; above, Ward over prototypes (<see cref="ScalableWard"/>).</param>
    public static NameClusters Cluster(
        IReadOnlyList<(string TrackId, float[] Vector)> tracks, double threshold, CancellationToken cancellationToken = default, int maxExactTracks = int.MaxValue)
    {
        if (tracks.Count == 0) return new NameClusters(NameDecision.NoUsableTracks, 1, []);
        if (tracks.Count == 1) return new NameClusters(NameDecision.KeptWhole, 1, [new EntityResult(1, [tracks[0].TrackId], 1)]);

        IFlatClusterer clusterer = new WardThresholdClusterer(new WardClusteringOptions { Threshold = threshold, MaxExactPoints = maxExactTracks });
        var clustering = clusterer.Cluster(VectorSet.FromRows(tracks.Select(t => t.Vector).ToList()), cancellationToken);
        var entities = tracks
            .Select((track, index) => (track.TrackId, Label: clustering.Labels[index]))
            .GroupBy(t => t.Label)
            .Select((group, index) => new EntityResult(index + 1, [.. group.Select(t => t.TrackId)], clustering.ClusterConfidences[group.Key]))
            .ToList();
        var kind = entities.Count > 1 ? NameDecision.Split : NameDecision.KeptWhole;
        return new NameClusters(kind, clustering.SplitConfidence, entities) { Linkage = clustering.Linkage };
    }
}
