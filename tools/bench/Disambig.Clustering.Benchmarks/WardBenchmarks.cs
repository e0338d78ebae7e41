using BenchmarkDotNet.Attributes;

namespace Disambig.Clustering.Benchmarks;

/// <summary>
/// Ward linkage of n uniform points in 256 dimensions, distance matrix included (as scipy's linkage(X, 'ward') includes
/// pdist). The job (one run per iteration, in process) is set in Program.cs.
/// </summary>
public class WardBenchmarks
{
    public const int Dimension = 256;
    public const ulong Seed = 1;

    private VectorSet _points = VectorSet.Empty;

    [Params(2_000, 10_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup() => _points = BenchmarkData.UniformPoints(N, Dimension, Seed);

    [Benchmark(Description = "Ward linkage")]
    public Linkage Ward() => WardLinkage.Compute(_points);

    [Benchmark(Description = "squared distances only")]
    public double[] Distances() => CondensedDistances.SquaredEuclidean(_points, CancellationToken.None);
}
