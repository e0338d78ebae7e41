using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Exporters.Csv;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;

// One clustering takes seconds, so each iteration is a single run (Monitoring, no pilot). In-process: the CPU-bound
// code needs no separate host, and generating one would hit the build timeout on a busy two-core machine.
var job = Job.Default
    .WithStrategy(RunStrategy.Monitoring)
    .WithLaunchCount(1)
    .WithWarmupCount(1)
    .WithIterationCount(5)
    .WithToolchain(InProcessEmitToolchain.Instance);

// The CSV report (seconds, no unit suffixes) is what tools/bench/ward_scipy.py reads to print the speed ratio.
var config = ManualConfig.CreateMinimumViable()
    .AddJob(job)
    .AddDiagnoser(MemoryDiagnoser.Default)
    .AddExporter(MarkdownExporter.GitHub)
    .AddExporter(new CsvExporter(
        CsvSeparator.Comma,
        new SummaryStyle(CultureInfo.InvariantCulture, printUnitsInHeader: true, sizeUnit: null, timeUnit: TimeUnit.Second, printUnitsInContent: false)));
BenchmarkSwitcher.FromAssembly(typeof(Disambig.Clustering.Benchmarks.WardBenchmarks).Assembly).Run(args, config);
