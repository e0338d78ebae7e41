namespace Disambig.Clustering.Calibration;

/// <summary>The tracks of one artist name (a homonym group) with their true artist labels.</summary>
public sealed record LabelledGroup
{
    /// <exception cref="ArgumentException">The label count differs from the vector count.</exception>
    public LabelledGroup(VectorSet vectors, int[] labels)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Length != vectors.Count)
        {
            throw new ArgumentException($"Got {labels.Length} labels for {vectors.Count} vectors.", nameof(labels));
        }

        Vectors = vectors;
        Labels = labels;
    }

    /// <summary>[n, d] track vectors.</summary>
    public VectorSet Vectors { get; }

    /// <summary>n true artist labels (any integers; compared up to renaming).</summary>
    public int[] Labels { get; }
}
