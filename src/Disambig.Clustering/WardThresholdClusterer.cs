namespace Disambig.Clustering;

/// <summary>
/// The paper's clustering: Ward linkage on Euclidean distances (in the vectors' own precision: float32 vectors take the
/// float32 path), flat clusters by a distance threshold, the split's and each cluster's margin confidence. Above
/// <see cref="WardClusteringOptions.MaxExactPoints"/> vectors, Ward runs over prototypes (<see cref="ScalableWard"/>).
/// </summary>
public sealed class WardThresholdClusterer : IFlatClusterer
{
    private readonly double _threshold;
    private readonly int _maxExactPoints;

    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public WardThresholdClusterer(WardClusteringOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _threshold = options.Threshold;
        _maxExactPoints = options.MaxExactPoints;
    }

    /// <inheritdoc />
    public FlatClustering Cluster(VectorSet vectors, CancellationToken cancellationToken = default)
    {
        if (vectors.Count < 2) return FlatClustering.Trivial(vectors.Count);
        var units = ScalableWard.Compute(vectors, _maxExactPoints, seed: 0, cancellationToken);
        var decision = SplitDecision.Decide(units.Linkage, _threshold);
        return new FlatClustering(units.PointLabels(decision.Labels), decision.ClusterCount, decision.Confidence,
            MarginConfidence.PerCluster(units.Linkage, decision.Labels, _threshold))
        {
            Linkage = units.Exact ? units.Linkage : null,
        };
    }
}
