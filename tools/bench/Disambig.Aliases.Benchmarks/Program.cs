using System.Globalization;
using Disambig.Aliases;
using Disambig.Aliases.Benchmarks;

// Alias index figures (see docs/benchmarks.md, Aliases):
//   [ENTITIES] [SHARD_SIZE] [RECALL_SAMPLE] [QUERIES] [EXPANSION_ADD] [EXPANSION_SEARCH]
//   defaults 1000000 entities, 4000000 a shard (one shard), 1000 recall queries, 20000 timed queries, and the
//   AliasOptions defaults for the two HNSW expansions.
static int Arg(string[] args, int index, int fallback) =>
    args.Length > index ? int.Parse(args[index], CultureInfo.InvariantCulture) : fallback;

if (args.FirstOrDefault() is "-h" or "--help")
{
    await Console.Error.WriteLineAsync("usage: [ENTITIES] [SHARD_SIZE] [RECALL_SAMPLE] [QUERIES] [EXPANSION_ADD] [EXPANSION_SEARCH]");
    return 2;
}

var defaults = new AliasOptions();
IndexBench.Run(
    new AliasOptions
    {
        MaxEntitiesPerShard = Arg(args, 1, 4_000_000),
        ExpansionAdd = Arg(args, 4, defaults.ExpansionAdd),
        ExpansionSearch = Arg(args, 5, defaults.ExpansionSearch),
    },
    entities: Arg(args, 0, 1_000_000),
    recallSample: Arg(args, 2, 1000),
    queries: Arg(args, 3, 20_000),
    Console.Out);
return 0;
