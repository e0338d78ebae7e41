namespace Disambig.Clustering.Projection;

/// <summary>
/// Projects vectors onto their first principal components (pure, deterministic): the rows are centred, and each
/// component is found by power iteration on the covariance (applied as Xᵀ(X v), never formed), orthogonal to the ones
/// before it. Each component's sign is fixed so that its largest-magnitude entry is positive.
/// </summary>
public static class PrincipalComponents
{
    private const int MaxIterations = 500;
    private const double Tolerance = 1e-10;

    /// <param name="rows">[n, d] vectors, all of one dimension.</param>
    /// <param name="components">How many components (1 to d).</param>
    /// <returns>[n, components] coordinates of each row on the components; zeros along a direction without variance.</returns>
    /// <exception cref="ArgumentException">Rows of different dimensions, or <paramref name="components"/> out of range.</exception>
    public static double[][] Project(IReadOnlyList<float[]> rows, int components = 2)
    {
        if (rows.Count == 0) return [];
        var d = rows[0].Length;
        if (rows.Any(r => r.Length != d)) throw new ArgumentException("Every vector must have the same dimension.", nameof(rows));
        if (components < 1 || components > d) throw new ArgumentOutOfRangeException(nameof(components), components, $"Components must lie in [1, {d}].");
        var centred = Centre(rows, d);
        var axes = new List<double[]>();
        for (var c = 0; c < components; c++) axes.Add(Component(centred, d, axes));
        return [.. centred.Select(row => axes.Select(axis => Dot(row, axis)).ToArray())];
    }

    private static double[][] Centre(IReadOnlyList<float[]> rows, int d)
    {
        var mean = new double[d];
        foreach (var row in rows)
        {
            for (var k = 0; k < d; k++) mean[k] += row[k] / (double)rows.Count;
        }
        return [.. rows.Select(row => Enumerable.Range(0, d).Select(k => row[k] - mean[k]).ToArray())];
    }

    private static double[] Component(double[][] x, int d, IReadOnlyList<double[]> before)
    {
        // A fixed start not orthogonal to typical data: 1, 2, ..., d, normalised.
        var v = Normalised(Enumerable.Range(1, d).Select(k => (double)k).ToArray());
        for (var iteration = 0; iteration < MaxIterations; iteration++)
        {
            var next = new double[d];
            foreach (var row in x)
            {
                var projection = Dot(row, v);
                for (var k = 0; k < d; k++) next[k] += projection * row[k];
            }
            foreach (var axis in before)
            {
                var overlap = Dot(next, axis);
                for (var k = 0; k < d; k++) next[k] -= overlap * axis[k];
            }
            if (Math.Sqrt(Dot(next, next)) < 1e-300) return new double[d];
            next = Normalised(next);
            var change = Math.Abs(1 - Math.Abs(Dot(next, v)));
            v = next;
            if (change < Tolerance) break;
        }
        var largest = v.MaxBy(Math.Abs);
        return largest < 0 ? [.. v.Select(value => -value)] : v;
    }

    private static double Dot(double[] a, double[] b)
    {
        var sum = 0.0;
        for (var k = 0; k < a.Length; k++) sum += a[k] * b[k];
        return sum;
    }

    private static double[] Normalised(double[] v)
    {
        var norm = Math.Sqrt(Dot(v, v));
        return [.. v.Select(value => value / norm)];
    }
}
