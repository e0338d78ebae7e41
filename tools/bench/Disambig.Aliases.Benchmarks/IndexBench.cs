using System.Diagnostics;
using System.Globalization;

namespace Disambig.Aliases.Benchmarks;

/// <summary>Build, memory, query time and recall@10 of <see cref="CentroidIndex"/> on synthetic clustered centroids.</summary>
internal static class IndexBench
{
    private const int Dimension = 32;
    private const int K = 10;

    public static void Run(AliasOptions options, int entities, int recallSample, int queries, TextWriter output)
    {
        var culture = CultureInfo.InvariantCulture;
        var clusters = Math.Max(1, entities / 100);
        output.WriteLine(string.Create(culture, $"entities={entities} d={Dimension} clusters={clusters} shard-size={options.MaxEntitiesPerShard} cores={Environment.ProcessorCount}"));

        var generate = Stopwatch.StartNew();
        var (keys, vectors) = Generate(entities, clusters, seed: 17);
        output.WriteLine(string.Create(culture, $"generated in {generate.Elapsed.TotalSeconds:F1} s"));

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var before = Resident();
        using var index = new CentroidIndex(Dimension, options);
        // Built in ten batches, each reported, so that a run stopped early on a busy machine still shows the curve.
        var build = Stopwatch.StartNew();
        var buildCpu = Cpu();
        var batch = Math.Max(1, (entities + 9) / 10);
        for (var start = 0; start < entities; start += batch)
        {
            var length = Math.Min(batch, entities - start);
            index.AddRange(keys.AsSpan(start, length).ToArray(), vectors.AsSpan(start, length).ToArray());
            output.WriteLine(string.Create(culture, $"  {start + length} entities indexed: {build.Elapsed.TotalSeconds:F1} s wall, {(Cpu() - buildCpu).TotalSeconds:F1} s CPU"));
        }

        build.Stop();
        buildCpu = Cpu() - buildCpu;
        GC.Collect();
        var after = Resident();
        output.WriteLine(string.Create(culture, $"build: {build.Elapsed.TotalSeconds:F1} s wall, {buildCpu.TotalSeconds:F1} s CPU ({entities / build.Elapsed.TotalSeconds:F0} entities/s, {index.ShardCount} shard(s), M={options.Connectivity} efAdd={options.ExpansionAdd} ef={options.ExpansionSearch})"));
        output.WriteLine(string.Create(culture, $"index memory (resident growth): {(after - before) / 1048576.0:F0} MiB ({(double)(after - before) / entities:F0} bytes/entity); process resident {after / 1048576.0:F0} MiB, peak {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:F0} MiB"));

        var random = new Random(23);
        var timed = Enumerable.Range(0, Math.Min(queries, entities)).Select(_ => vectors[random.Next(entities)]).ToArray();
        var singleCpu = Cpu();
        var single = Stopwatch.StartNew();
        var latencySample = timed.Take(Math.Min(2000, timed.Length)).ToArray();
        foreach (var query in latencySample)
        {
            index.Search([query], K);
        }

        single.Stop();
        singleCpu = Cpu() - singleCpu;
        var parallelCpu = Cpu();
        var parallel = Stopwatch.StartNew();
        index.Search(timed, K);
        parallel.Stop();
        parallelCpu = Cpu() - parallelCpu;
        output.WriteLine(string.Create(culture, $"query top-{K}: {single.Elapsed.TotalMilliseconds * 1000 / latencySample.Length:F0} us wall, {singleCpu.TotalMilliseconds * 1000 / latencySample.Length:F0} us CPU each on one thread ({latencySample.Length} queries); {timed.Length / parallel.Elapsed.TotalSeconds:F0} queries/s wall on {Environment.ProcessorCount} threads, {parallelCpu.TotalMilliseconds * 1000 / timed.Length:F0} us CPU a query ({timed.Length} queries)"));

        var sample = Enumerable.Range(0, Math.Min(recallSample, entities)).Select(_ => random.Next(entities)).ToArray();
        var approximate = index.Search([.. sample.Select(i => vectors[i])], K);
        var exact = new Neighbour[sample.Length][];
        var exactTime = Stopwatch.StartNew();
        Parallel.For(0, sample.Length, q => exact[q] = ExactSearch.Nearest(vectors[sample[q]], vectors, keys, K));
        exactTime.Stop();
        var hits = 0;
        for (var q = 0; q < sample.Length; q++)
        {
            var truth = exact[q].Select(n => n.Key).ToHashSet();
            hits += approximate[q].Count(n => truth.Contains(n.Key));
        }

        output.WriteLine(string.Create(culture, $"recall@{K} vs exact search: {hits / (double)(K * sample.Length):F4} over {sample.Length} queries (exact search {exactTime.Elapsed.TotalMilliseconds / sample.Length:F1} ms a query)"));
    }

    /// <summary>Unit vectors around <paramref name="clusters"/> random centres: centre + noise of norm ~0.5, renormalised.</summary>
    private static (ulong[] Keys, float[][] Vectors) Generate(int count, int clusters, int seed)
    {
        var random = new Random(seed);
        var centres = Enumerable.Range(0, clusters).Select(_ => Unit(Enumerable.Range(0, Dimension).Select(_ => Gaussian(random)).ToArray())).ToArray();
        var vectors = new float[count][];
        for (var i = 0; i < count; i++)
        {
            var centre = centres[random.Next(clusters)];
            vectors[i] = Unit([.. centre.Select(v => v + 0.5 * Gaussian(random) / Math.Sqrt(Dimension))]);
        }

        return ([.. Enumerable.Range(0, count).Select(i => (ulong)i)], vectors);
    }

    private static float[] Unit(double[] values)
    {
        var norm = Math.Sqrt(values.Sum(v => v * v));
        return [.. values.Select(v => (float)(v / norm))];
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static TimeSpan Cpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    private static long Resident()
    {
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return process.WorkingSet64;
    }
}
