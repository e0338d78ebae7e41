using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Disambig.Embedding.Benchmarks;

if (args.Length > 0 && args[0] == "memory")
{
    await MemoryCheck.RunAsync(args);
    return;
}
if (args.Length > 0 && args[0] == "side-by-side")
{
    SideBySide.Run(args);
    return;
}

// In-process (with a long timeout: one training step takes seconds to a minute on the shared machine): torch work
// needs no separate host, and generating one is slow on the shared two-core machine.
var job = Job.Default
    .WithStrategy(RunStrategy.Monitoring)
    .WithLaunchCount(1)
    .WithWarmupCount(2)
    .WithIterationCount(10)
    .WithToolchain(new InProcessEmitToolchain(TimeSpan.FromHours(2), logOutput: true));
var config = ManualConfig.CreateMinimumViable()
    .AddJob(job)
    .AddDiagnoser(MemoryDiagnoser.Default)
    .AddExporter(MarkdownExporter.GitHub);
BenchmarkSwitcher.FromAssembly(typeof(InferenceBenchmarks).Assembly).Run(args, config);
