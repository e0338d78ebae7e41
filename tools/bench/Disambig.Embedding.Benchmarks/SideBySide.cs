using System.Diagnostics;
using System.Globalization;
using Disambig.Embedding.Networks;
using Disambig.Embedding.Sampling;
using Disambig.Embedding.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Disambig.Embedding.Benchmarks;

/// <summary>
/// <c>side-by-side [iterations] [training-iterations]</c>: the measurements of tools/bench/artistnet_torch.py, in its
/// output format (wall-clock and process CPU time), so the two implementations can be run alternately on a shared
/// machine and compared line by line.
/// </summary>
internal static class SideBySide
{
    public static void Run(string[] args)
    {
        int iterations = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
        int trainingIterations = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 4;
        BenchmarkSettings.Apply();
        Console.WriteLine($"TorchSharp {typeof(torch).Assembly.GetName().Version}, {get_num_threads()} threads, {TorchCpuSettings.IsaVariable}={Environment.GetEnvironmentVariable(TorchCpuSettings.IsaVariable) ?? "(unset: AVX2 applied)"}");

        var inference = new InferenceBenchmarks();
        foreach (var batch in new[] { 1, 16, 64 })
        {
            inference.Batch = batch;
            inference.Setup();
            var (wall, cpu) = Timed(() => inference.Forward(), 2, iterations);
            inference.Cleanup();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"inference batch {batch,2}: {wall * 1000,10:0.0} ms per batch, {batch / wall,8:0.00} segments/s (CPU {cpu * 1000,10:0.0} ms per batch, {batch / cpu,8:0.00} segments per CPU-second)"));
        }

        var training = new TrainingBenchmarks();
        training.Setup();
        var (stepWall, stepCpu) = Timed(() => training.TripletStep(), 1, trainingIterations);
        training.Cleanup();
        const int count = TrainingBenchmarks.Artists * TrainingBenchmarks.Samples * (TrainingBenchmarks.Samples - 1) / 2;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"training step N={TrainingBenchmarks.Artists} n={TrainingBenchmarks.Samples}: {stepWall,8:0.00} s per step of {count} triplets, {count / stepWall,8:0.00} triplets/s (CPU {stepCpu,8:0.00} s per step, {count / stepCpu,8:0.00} triplets per CPU-second)"));
    }

    private static (double Wall, double Cpu) Timed(Action action, int warmups, int iterations)
    {
        for (int i = 0; i < warmups; i++) action();
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < iterations; i++) action();
        var wall = clock.Elapsed.TotalSeconds / iterations;
        process.Refresh();
        return (wall, (process.TotalProcessorTime - cpu).TotalSeconds / iterations);
    }
}
