using Disambig.Embedding.Networks;

namespace Disambig.Embedding.Inference;

/// <summary>
/// Section 4.1: a track's vector is the mean of its segments' embeddings (10 linearly spaced segments); a more robust
/// pooling (<see cref="TrackPooling"/>) can stand in for the mean.
/// </summary>
public static class TrackEmbedding
{
    /// <summary>
    /// The mean re-projected onto the unit sphere (the metric system). When the mean is the zero vector (segments
    /// cancel exactly) it is returned as is: there is no direction to project.
    /// </summary>
    /// <param name="segmentEmbeddings">[k, dim] row-major, k &gt;= 1</param>
    public static float[] Aggregate(ReadOnlySpan<float> segmentEmbeddings, int dim) =>
        Project(Mean(segmentEmbeddings, dim));

    /// <summary>The plain mean (the classifier baseline, whose hidden-layer vectors the paper does not normalise).</summary>
    /// <param name="segmentEmbeddings">[k, dim] row-major, k &gt;= 1</param>
    public static float[] Mean(ReadOnlySpan<float> segmentEmbeddings, int dim)
    {
        int count = RowCount(segmentEmbeddings, dim);
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

    /// <summary>
    /// The track vector with the given <paramref name="pooling"/>: the pooled segments, re-projected onto the unit
    /// sphere for the metric system (as <see cref="Aggregate"/>), left as pooled for the classifier.
    /// <see cref="TrackPooling.Mean"/> is <see cref="For(NetworkKind, ReadOnlySpan{float}, int)"/>.
    /// </summary>
    /// <param name="segmentEmbeddings">[k, dim] row-major, k &gt;= 1</param>
    public static float[] For(NetworkKind kind, ReadOnlySpan<float> segmentEmbeddings, int dim, TrackPooling pooling)
    {
        var pooled = pooling switch
        {
            TrackPooling.Mean => Mean(segmentEmbeddings, dim),
            TrackPooling.Median => Median(segmentEmbeddings, dim),
            TrackPooling.Trimmed => Trimmed(segmentEmbeddings, dim),
            _ => throw new ArgumentOutOfRangeException(nameof(pooling), pooling, "Unknown pooling."),
        };
        return kind == NetworkKind.Metric ? Project(pooled) : pooled;
    }

    /// <summary>The coordinate-wise median (the mean of the two middle values for an even count).</summary>
    /// <param name="segmentEmbeddings">[k, dim] row-major, k &gt;= 1</param>
    public static float[] Median(ReadOnlySpan<float> segmentEmbeddings, int dim)
    {
        int count = RowCount(segmentEmbeddings, dim);
        var column = new float[count];
        var median = new float[dim];
        for (int j = 0; j < dim; j++)
        {
            for (int i = 0; i < count; i++) column[i] = segmentEmbeddings[i * dim + j];
            Array.Sort(column);
            median[j] = count % 2 == 1 ? column[count / 2] : (float)(((double)column[count / 2 - 1] + column[count / 2]) / 2);
        }
        return median;
    }

    /// <summary>
    /// The mean of the segments left once the fifth (rounded down) farthest from the plain mean is dropped; ties keep the
    /// earlier segment. With fewer than 5 segments nothing is dropped.
    /// </summary>
    /// <param name="segmentEmbeddings">[k, dim] row-major, k &gt;= 1</param>
    public static float[] Trimmed(ReadOnlySpan<float> segmentEmbeddings, int dim)
    {
        int count = RowCount(segmentEmbeddings, dim);
        int drop = count / 5;
        if (drop == 0) return Mean(segmentEmbeddings, dim);
        var mean = Mean(segmentEmbeddings, dim);
        var distances = new double[count];
        for (int i = 0; i < count; i++)
        {
            var row = segmentEmbeddings.Slice(i * dim, dim);
            for (int j = 0; j < dim; j++) distances[i] += ((double)row[j] - mean[j]) * (row[j] - mean[j]);
        }
        var kept = Enumerable.Range(0, count).OrderBy(i => distances[i]).ThenBy(i => i).Take(count - drop).Order().ToArray();
        var rows = new float[kept.Length * dim];
        for (int k = 0; k < kept.Length; k++) segmentEmbeddings.Slice(kept[k] * dim, dim).CopyTo(rows.AsSpan(k * dim, dim));
        return Mean(rows, dim);
    }

    private static int RowCount(ReadOnlySpan<float> segmentEmbeddings, int dim)
    {
        if (dim <= 0 || segmentEmbeddings.Length == 0 || segmentEmbeddings.Length % dim != 0)
            throw new ArgumentException($"Expected k x {dim} values with k >= 1, got {segmentEmbeddings.Length}.", nameof(segmentEmbeddings));
        return segmentEmbeddings.Length / dim;
    }

    // The vector on the unit sphere; the zero vector is returned as is (there is no direction to project).
    private static float[] Project(float[] vector)
    {
        double norm = 0;
        foreach (var value in vector) norm += (double)value * value;
        norm = Math.Sqrt(norm);
        if (norm < 1e-12) return vector;
        for (int j = 0; j < vector.Length; j++) vector[j] = (float)(vector[j] / norm);
        return vector;
    }
}
