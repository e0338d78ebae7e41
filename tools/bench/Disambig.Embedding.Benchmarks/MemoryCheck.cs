using System.Diagnostics;
using System.Globalization;
using Disambig.Embedding.Inference;
using Disambig.Embedding.Networks;

namespace Disambig.Embedding.Benchmarks;

/// <summary>
/// <c>memory [segments] [frames] [filters]</c>: pushes segments through <see cref="EmbeddingService"/> from 8 concurrent
/// callers (4 segments per request) and prints the process's resident memory after 1 000 segments and at every
/// power of ten, so a leak of native tensors shows as growth. Defaults: 1 000 000 segments of 40 frames through a
/// narrow network (8 filters per block), which exercises exactly the same tensors per batch as the paper network
/// at a fraction of the compute; pass 388 16 for the Table 1 network on 9 s segments.
/// </summary>
internal static class MemoryCheck
{
    public static async Task RunAsync(string[] args)
    {
        long total = args.Length > 1 ? long.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000;
        int frames = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 40;
        int filters = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 8;
        BenchmarkSettings.Apply();
        var spec = NetworkSpec.PaperMetric(32, frames) with { Channels = filters == 16 ? [16, 32, 64] : [filters, filters, filters] };
        await using var service = new EmbeddingService(NetworkFactory.Create(spec, seed: 1), "memory-check", new EmbeddingServiceOptions { MaxBatchSegments = 64 });
        const int callers = 8;
        const int perRequest = 4;
        var request = new float[perRequest * frames * 128];
        for (int i = 0; i < request.Length; i++) request[i] = (i % 97) / 97f;

        Console.WriteLine($"{total:N0} segments of {frames} x 128, filters {string.Join('/', spec.Channels)}, batches of 64, {BenchmarkSettings.Threads} torch threads");
        var clock = Stopwatch.StartNew();
        long done = 0, nextReport = 1_000;
        while (done < total)
        {
            await Task.WhenAll(Enumerable.Range(0, callers).Select(_ => service.EmbedAsync(request, CancellationToken.None)));
            done += callers * perRequest;
            if (done >= nextReport || done >= total)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                using var process = Process.GetCurrentProcess();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{done,12:N0} segments  resident {process.WorkingSet64 / 1048576.0,8:0.0} MiB  managed {GC.GetTotalMemory(false) / 1048576.0,6:0.0} MiB  {done / clock.Elapsed.TotalSeconds,8:0} segments/s"));
                nextReport = nextReport < 10_000 ? nextReport * 10 : nextReport + (nextReport >= 100_000 ? 100_000 : 10_000);
            }
        }
    }
}
