using Disambig.Embedding.Networks;

namespace Disambig.Embedding.Inference;

/// <summary>Section 4.1: a track's vector is the mean of its segments' embeddings (10 linearly spaced segments).</summary>
public static class TrackEmbedding
{
    /// <summary>
    /// The mean re-projected onto the unit sphere (the metric system). When the mean is the zero vector (segments
    /// cancel exactly) it is returned as is: there is no direction to project.
    /// </summary>
    /// <param name="segmentEmbeddings">[k, dim] row-major, k &gt;= 1</param>
    public static float[] Aggregate(ReadOnlySpan<float> segmentEmbeddings, int dim)
    {
        var mean = Mean(segmentEmbeddings, dim);
        double norm = 0;
        foreach (var value in mean) norm += (double)value * value;
        norm = Math.Sqrt(norm);
        if (norm < 1e-12) return mean;
        for (int j = 0; j < dim; j++) mean[j] = (float)(mean[j] / norm);
        return mean;
    }

    /// <summary>The plain mean (the classifier baseline, whose hidden-layer vectors the paper does not normalise).</summary>
    /// <param name="segmentEmbeddings">[k, dim] row-major, k &gt;= 1</param>
    public static float[] Mean(ReadOnlySpan<float> segmentEmbeddings, int dim)
    {
        if (dim <= 0 || segmentEmbeddings.Length == 0 || segmentEmbeddings.Length % dim != 0)
            throw new ArgumentException($"Expected k x {dim} values with k >= 1, got {segmentEmbeddings.Length}.", nameof(segmentEmbeddings));
        int count = segmentEmbeddings.Length / dim;
        var sum = new double[dim];
        for (int i = 0; i < count; i++)
        {
            var row = segmentEmbeddings.Slice(i * dim, dim);
            for (int j = 0; j < dim; j++) sum[j] += row[j];
        }
        return sum.Select(value => (float)(value / count)).ToArray();
    }

    /// <summary>The track vector the given system uses: <see cref="Aggregate"/> for metric, <see cref="Mean"/> for classifier.</summary>
    public static float[] For(NetworkKind kind, ReadOnlySpan<float> segmentEmbeddings, int dim) =>
        kind == NetworkKind.Metric ? Aggregate(segmentEmbeddings, dim) : Mean(segmentEmbeddings, dim);
}
