namespace Disambig.Clustering;

/// <summary>
/// The clustering step of a disambiguation: split the track vectors of one artist name into entities without
/// knowing how many there are. Another algorithm plugs in by implementing this one method.
/// </summary>
public interface IFlatClusterer
{
    /// <summary>Assigns every vector a cluster label 1..k (k &gt;= 1 when there are vectors), with the cut's confidences.</summary>
    /// <param name="vectors">[n, d] track vectors of one name.</param>
    /// <param name="cancellationToken">Stops long clusterings.</param>
    /// <returns>n labels; an empty set gives no labels.</returns>
    FlatClustering Cluster(VectorSet vectors, CancellationToken cancellationToken = default);
}
