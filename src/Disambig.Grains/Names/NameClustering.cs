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

/// <summary>Clusters a name's track vectors with Ward and a distance threshold (pure: no grain, no I/O).</summary>
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

        var units = ScalableWard.Compute(VectorSet.FromRows(tracks.Select(t => t.Vector).ToList()), maxExactTracks, seed: 0, cancellationToken);
        var decision = SplitDecision.Decide(units.Linkage, threshold);
        var confidence = EntityConfidences(units.Linkage, decision.Labels, threshold);
        var labels = units.PointLabels(decision.Labels);
        var entities = tracks
            .Select((track, index) => (track.TrackId, Label: labels[index]))
            .GroupBy(t => t.Label)
            .Select((group, index) => new EntityResult(index + 1, [.. group.Select(t => t.TrackId)], confidence[group.Key]))
            .ToList();
        var kind = entities.Count > 1 ? NameDecision.Split : NameDecision.KeptWhole;
        return new NameClusters(kind, decision.Confidence, entities) { Linkage = units.Exact ? units.Linkage : null };
    }

    /// <summary>
    /// Per flat cluster label: min(1, min(t - inner, outer - t) / t), where inner is the highest merge inside the cluster
    /// (0 for one track) and outer the first merge joining it to another (infinite for none). It is how far the threshold
    /// could move, relative to itself, before the entity gains or loses tracks.
    /// </summary>
    internal static Dictionary<int, double> EntityConfidences(Linkage linkage, int[] labels, double threshold)
    {
        var n = linkage.PointCount;
        var labelOfNode = new int[n + linkage.Merges.Count];
        labels.CopyTo(labelOfNode, 0);
        var inner = labels.Distinct().ToDictionary(label => label, _ => 0.0);
        var outer = labels.Distinct().ToDictionary(label => label, _ => double.PositiveInfinity);
        for (var i = 0; i < linkage.Merges.Count; i++)
        {
            var merge = linkage.Merges[i];
            var (left, right) = (labelOfNode[merge.Left], labelOfNode[merge.Right]);
            if (left != 0 && left == right)
            {
                labelOfNode[n + i] = left;
                inner[left] = Math.Max(inner[left], merge.Height);
                continue;
            }
            foreach (var label in (ReadOnlySpan<int>)[left, right])
            {
                if (label != 0) outer[label] = Math.Min(outer[label], merge.Height);
            }
        }
        return inner.Keys.ToDictionary(label => label, label => Margin(inner[label], outer[label], threshold));
    }

    private static double Margin(double inner, double outer, double threshold)
    {
        if (threshold <= 0) return outer > 0 ? 1 : 0;
        return Math.Clamp(Math.Min(threshold - inner, outer - threshold) / threshold, 0, 1);
    }
}
