namespace Disambig.Clustering;

/// <summary>The flat clusters of one name's vectors, with how sure the cut is.</summary>
/// <param name="Labels">Per vector, its cluster label 1..k.</param>
/// <param name="ClusterCount">k (0 for no vectors).</param>
/// <param name="SplitConfidence">Confidence in the number of clusters (see <see cref="SplitDecision"/>); 1 for fewer than two vectors.</param>
/// <param name="ClusterConfidences">Per label, the cluster's margin confidence (see <see cref="MarginConfidence"/>).</param>
public sealed record FlatClustering(int[] Labels, int ClusterCount, double SplitConfidence, IReadOnlyDictionary<int, double> ClusterConfidences)
{
    /// <summary>
    /// The linkage of the vectors in their order when it was computed exactly; null for fewer than two vectors, for a
    /// clusterer that builds none, and for a set above the exact ceiling (clustered over prototypes).
    /// </summary>
    public Linkage? Linkage { get; init; }

    /// <summary>The clustering of fewer than two vectors: each (if any) alone and sure.</summary>
    public static FlatClustering Trivial(int count) => count switch
    {
        0 => new FlatClustering([], 0, 1, new Dictionary<int, double>()),
        1 => new FlatClustering([1], 1, 1, new Dictionary<int, double> { [1] = 1 }),
        _ => throw new ArgumentOutOfRangeException(nameof(count), count, "Only 0 or 1 vectors cluster trivially."),
    };
}
