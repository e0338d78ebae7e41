using TorchSharp;

namespace Disambig.Embedding.Benchmarks;

/// <summary>Torch threads for every benchmark: DISAMBIG_BENCH_THREADS, default 2 (the machine's cores).</summary>
internal static class BenchmarkSettings
{
    public static int Threads =>
        int.TryParse(Environment.GetEnvironmentVariable("DISAMBIG_BENCH_THREADS"), out var threads) && threads > 0 ? threads : 2;

    public static void Apply() => torch.set_num_threads(Threads);
}
