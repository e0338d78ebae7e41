using Disambig.Clustering;
using Disambig.Clustering.Calibration;

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

    /// <summary>
    /// The calibrated probability that the cut's split is right (<see cref="SplitProbabilityRef"/> of the model); null
    /// when the cut does not split or the model carries no calibration.
    /// </summary>
    public double? SplitProbability { get; init; }

    /// <summary>
    /// For a split too unsure to apply (<see cref="SplitProbability"/> below the model's least): the entities the cut
    /// proposed, numbered 1 … k in catalog order, while the name is kept whole and flagged for review; null otherwise.
    /// </summary>
    public IReadOnlyList<EntityResult>? ProposedSplit { get; init; }
}

/// <summary>
/// Clusters a name's track vectors through the clustering library's <see cref="IFlatClusterer"/> (Ward cut at the
/// model's threshold, <see cref="WardThresholdClusterer"/>) and numbers its entities (pure: no grain, no I/O). With the
/// model's split calibration, a cut that splits is applied only when the probability that the split is right reaches
/// the calibration's least; a less probable split keeps the name whole and carries the split as a proposal (issue 15).
/// </summary>
public static class NameClustering
{
    /// <param name="tracks">Usable tracks in catalog order, each with its [d] unit vector.</param>
    /// <param name="threshold">The model's calibrated Ward distance threshold.</param>
    /// <param name="cancellationToken">Stops a long clustering.</param>
    /// <param name="maxExactTracks">Most tracks clustered by exact Ward; above, Ward over prototypes (<see cref="ScalableWard"/>).</param>
    /// <param name="splitProbability">
    /// The model's calibration of the split confidence (<see cref="ModelRef.SplitProbability"/>); null (a model calibrated
    /// before it existed): every cut that splits is a split.
    /// </param>
    public static NameClusters Cluster(
        IReadOnlyList<(string TrackId, float[] Vector)> tracks, double threshold, CancellationToken cancellationToken = default, int maxExactTracks = int.MaxValue,
        SplitProbabilityRef? splitProbability = null)
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
        if (entities.Count == 1 || splitProbability is null)
        {
            var kind = entities.Count > 1 ? NameDecision.Split : NameDecision.KeptWhole;
            return new NameClusters(kind, clustering.SplitConfidence, entities) { Linkage = clustering.Linkage };
        }
        var probability = new SplitProbability(splitProbability.PlattA, splitProbability.PlattB).Of(clustering.SplitConfidence);
        if (probability >= splitProbability.MinSplitProbability)
            return new NameClusters(NameDecision.Split, clustering.SplitConfidence, entities) { Linkage = clustering.Linkage, SplitProbability = probability };
        // Unsure: one entity of every track, held with the probability that the split is wrong.
        var whole = new EntityResult(1, [.. tracks.Select(t => t.TrackId)], 1 - probability);
        return new NameClusters(NameDecision.KeptWhole, clustering.SplitConfidence, [whole])
        {
            Linkage = clustering.Linkage,
            SplitProbability = probability,
            ProposedSplit = entities,
        };
    }
}
