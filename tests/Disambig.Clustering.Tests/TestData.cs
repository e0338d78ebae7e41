namespace Disambig.Clustering.Tests;

/// <summary>Deterministic inputs shared by the tests.</summary>
internal static class TestData
{
    /// <summary>Standard normal values from a seeded <see cref="Random"/> (Box-Muller).</summary>
    public static double[][] Gaussian(int seed, int count, int dimension, double scale = 1)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => Enumerable.Range(0, dimension)
            .Select(_ => scale * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()))
            .ToArray())];
    }

    /// <summary>
    /// Points around one well separated centre per entry of <paramref name="clusterSizes"/> (spread 10, noise 0.3), with the index
    /// of each point's centre as its true label.
    /// </summary>
    public static (double[][] Points, int[] Labels) Blobs(int seed, int[] clusterSizes, int dimension)
    {
        var centres = Gaussian(seed, clusterSizes.Length, dimension, scale: 10);
        var noise = Gaussian(seed + 1, clusterSizes.Sum(), dimension, scale: 0.3);
        var labels = clusterSizes.SelectMany((size, cluster) => Enumerable.Repeat(cluster, size)).ToArray();
        var points = labels.Select((label, i) => centres[label].Zip(noise[i], (c, e) => c + e).ToArray()).ToArray();
        return (points, labels);
    }

    /// <summary>Relabels 1, 2, ... in order of first appearance, so partitions compare with Assert.Equal.</summary>
    public static int[] Canonical(int[] labels)
    {
        var map = new Dictionary<int, int>();
        return [.. labels.Select(l => map.TryGetValue(l, out var c) ? c : map[l] = map.Count + 1)];
    }
}
