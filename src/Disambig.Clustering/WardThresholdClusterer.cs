namespace Disambig.Clustering;

/// <summary>The paper's clustering: Ward linkage on Euclidean distances, flat clusters by a distance threshold.</summary>
public sealed class WardThresholdClusterer : IFlatClusterer
{
    private readonly double _threshold;

    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public WardThresholdClusterer(WardClusteringOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _threshold = options.Threshold;
    }

    /// <inheritdoc />
    public int[] Cluster(VectorSet vectors, CancellationToken cancellationToken = default) =>
        FlatClusters.ByDistance(WardLinkage.Compute(vectors, cancellationToken), _threshold);
}
