using System.Globalization;
using Disambig.Aliases.Benchmarks;

// Alias index figures (see docs/benchmarks.md, Aliases):
//   [ENTITIES] [SHARD_SIZE] [RECALL_SAMPLE] [QUERIES]
//   defaults 100000 entities, 4000000 a shard (one shard), 1000 recall queries, 20000 timed queries.
static int Arg(string[] args, int index, int fallback) =>
    args.Length > index ? int.Parse(args[index], CultureInfo.InvariantCulture) : fallback;

if (args.FirstOrDefault() is "-h" or "--help")
{
    await Console.Error.WriteLineAsync("usage: [ENTITIES] [SHARD_SIZE] [RECALL_SAMPLE] [QUERIES]");
    return 2;
}

IndexBench.Run(
    entities: Arg(args, 0, 100_000),
    shardSize: Arg(args, 1, 4_000_000),
    recallSample: Arg(args, 2, 1000),
    queries: Arg(args, 3, 20_000),
    Console.Out);
return 0;
