namespace Disambig.Aliases;

/// <summary>Brute-force nearest neighbours by cosine distance: the reference the approximate index is measured against.</summary>
internal static class ExactSearch
{
    /// <summary>The <paramref name="count"/> nearest of <paramref name="vectors"/> (unit) to <paramref name="query"/> (unit), nearest first.</summary>
    public static Neighbour[] Nearest(float[] query, IReadOnlyList<float[]> vectors, IReadOnlyList<ulong> keys, int count)
    {
        var best = new PriorityQueue<Neighbour, float>(count + 1, Comparer<float>.Create(static (a, b) => b.CompareTo(a)));
        for (var i = 0; i < vectors.Count; i++)
        {
            var distance = 1 - Dot(query, vectors[i]);
            if (best.Count < count)
            {
                best.Enqueue(new Neighbour(keys[i], distance), distance);
            }
            else if (best.TryPeek(out _, out var worst) && distance < worst)
            {
                best.EnqueueDequeue(new Neighbour(keys[i], distance), distance);
            }
        }

        var result = new Neighbour[best.Count];
        for (var i = result.Length - 1; i >= 0; i--)
        {
            result[i] = best.Dequeue();
        }

        return result;
    }

    /// <summary>Dot product of two equal-length vectors.</summary>
    public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var width = System.Numerics.Vector<float>.Count;
        var sums = System.Numerics.Vector<float>.Zero;
        var j = 0;
        for (; j <= a.Length - width; j += width)
        {
            sums += new System.Numerics.Vector<float>(a[j..]) * new System.Numerics.Vector<float>(b[j..]);
        }

        var dot = System.Numerics.Vector.Sum(sums);
        for (; j < a.Length; j++)
        {
            dot += a[j] * b[j];
        }

        return dot;
    }
}
