using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Disambig.Audio.Benchmarks;

if (args is ["--extract", ..])
{
    await SideBySide.RunAsync(args, Console.Out);
    return;
}

if (args is ["--profile", ..])
{
    await TrackProfile.RunAsync(args[1..], Console.Out);
    return;
}

if (args is ["--mel-device", ..])
{
    await MelOnDevice.RunAsync(args[1..], Console.Out);
    return;
}

if (args is ["--cpu-report", ..])
{
    await CpuTimeReport.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10, Console.Out);
    return;
}

// A short in-process job: a few iterations are enough to compare paths that differ by tens of percent, and the
// whole run stays within minutes on a 2-core machine.
var config = DefaultConfig.Instance
    .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance).WithWarmupCount(2).WithIterationCount(5))
    .WithOptions(ConfigOptions.DisableOptimizationsValidator);
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
