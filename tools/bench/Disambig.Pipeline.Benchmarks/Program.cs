using System.Globalization;
using Disambig.Pipeline.Benchmarks;

// Pipeline figures in one process (see docs/benchmarks.md):
//   overhead [ARTISTS] [TRACKS_PER_ARTIST]   (a) sweep on the embedded silo vs the plain path without Orleans (default 8 x 4)
//   cached [NAMES] [TRACKS_PER_NAME]         (b) names/s of a fully cached re-sweep and (c) memory (default 5000 x 1)
//   fp16 [ARTISTS] [TRACKS] [HOMONYM_GROUPS] agreement of float16 and float32 mel messages (default 16 x 6, 3 groups)
//   prepare-ingest FOLDER [NAMES]            a work folder and a release file of NAMES one-track names (default 200000) for `disambig ingest`
//   scale [--names N] [--big-name TRACKS] [--delay-ms MS] [--store local|azurite|azurite-disk] [--azurite-debug-log FILE]
//                                            catalog-scale figures on three silo processes with stub audio (default 10000 names, big name 50000);
//                                            --azurite-debug-log: Azurite's own debug log into FILE (off by default: it slows the emulator)
static int Arg(string[] args, int index, int fallback) =>
    args.Length > index ? int.Parse(args[index], CultureInfo.InvariantCulture) : fallback;

static string? OptionalOption(string[] args, string name)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
}

static string Option(string[] args, string name, string fallback) => OptionalOption(args, name) ?? fallback;

static int IntOption(string[] args, string name, int fallback) =>
    int.Parse(Option(args, name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

switch (args.FirstOrDefault())
{
    case "overhead":
        await PipelineBench.OverheadAsync(Arg(args, 1, 8), Arg(args, 2, 4), Console.Out);
        return 0;
    case "cached":
        await PipelineBench.CachedResweepAsync(Arg(args, 1, 5000), Arg(args, 2, 1), Console.Out);
        return 0;
    case "fp16":
        await PrecisionAgreement.RunAsync(Arg(args, 1, 16), Arg(args, 2, 6), Arg(args, 3, 3), Console.Out);
        return 0;
    case "prepare-ingest" when args.Length > 1:
        await PipelineBench.PrepareIngestAsync(args[1], Arg(args, 2, 200_000), Console.Out);
        return 0;
    case "scale":
        return await ScaleBench.RunAsync(new ScaleSettings(IntOption(args, "--names", 10_000), IntOption(args, "--big-name", 50_000),
            IntOption(args, "--delay-ms", 0), Option(args, "--store", "local"),
            OptionalOption(args, "--azurite-debug-log")), Console.Out);
    default:
        await Console.Error.WriteLineAsync("usage: overhead [ARTISTS] [TRACKS_PER_ARTIST] | cached [NAMES] [TRACKS_PER_NAME] | fp16 [ARTISTS] [TRACKS] [HOMONYM_GROUPS] | prepare-ingest FOLDER [NAMES] | scale [--names N] [--big-name TRACKS] [--delay-ms MS] [--store local|azurite|azurite-disk] [--azurite-debug-log FILE]");
        return 2;
}
