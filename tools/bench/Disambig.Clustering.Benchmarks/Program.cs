using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Exporters.Csv;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Perfolizer.Horology;

// The CSV report (seconds, no unit suffixes) is what tools/bench/ward_scipy.py reads to print the speed ratio.
var config = DefaultConfig.Instance.AddExporter(new CsvExporter(
    CsvSeparator.Comma,
    new SummaryStyle(CultureInfo.InvariantCulture, printUnitsInHeader: true, sizeUnit: null, timeUnit: TimeUnit.Second, printUnitsInContent: false)));
BenchmarkSwitcher.FromAssembly(typeof(Disambig.Clustering.Benchmarks.WardBenchmarks).Assembly).Run(args, config);
