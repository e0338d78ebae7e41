namespace Disambig.Aliases;

/// <summary>Settings of the alias search and its centroid index.</summary>
public sealed class AliasOptions
{
    /// <summary>Nearest entities under other names looked at per entity. Default 10; range 1 to 1000.</summary>
    public int Neighbours { get; set; } = 10;

    /// <summary>
    /// Entities with at most this many tracks are flagged low evidence and their probability is capped by
    /// <see cref="AliasModel.LowEvidenceCap"/>. Default 2 (one or two tracks); range 0 to 1000.
    /// </summary>
    public int LowEvidenceMaxTracks { get; set; } = 2;

    /// <summary>HNSW graph degree (USearch connectivity, "M"). Default 16; range 2 to 256.</summary>
    public int Connectivity { get; set; } = 16;

    /// <summary>Candidate list size while inserting (USearch expansion_add, "efConstruction"). Default 128; range 1 to 4096.</summary>
    public int ExpansionAdd { get; set; } = 128;

    /// <summary>Candidate list size while searching (USearch expansion_search, "ef"). Default 64; range 1 to 4096.</summary>
    public int ExpansionSearch { get; set; } = 64;

    /// <summary>
    /// Threads inserting into a shard at once. Default 0: <see cref="Environment.ProcessorCount"/>. 1 inserts in order,
    /// which makes the graph (and so every approximate answer) the same on every run; more threads build faster but
    /// link the graph in whatever order they run. Range 0 to 1024; never more than the processor count in effect.
    /// </summary>
    public int InsertThreads { get; set; }

    /// <summary>
    /// Most entities one index shard holds; more entities make more shards, each queried and the answers merged.
    /// About 580 bytes an entity at d = 32 (docs/benchmarks.md, Aliases), so the default 4 000 000 is ~2.3 GB a shard.
    /// Range 1 to 2^31 - 1.
    /// </summary>
    public int MaxEntitiesPerShard { get; set; } = 4_000_000;

    /// <summary>Throws when a setting is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    public void Validate()
    {
        Check(Neighbours, 1, 1000, nameof(Neighbours));
        Check(LowEvidenceMaxTracks, 0, 1000, nameof(LowEvidenceMaxTracks));
        Check(Connectivity, 2, 256, nameof(Connectivity));
        Check(ExpansionAdd, 1, 4096, nameof(ExpansionAdd));
        Check(ExpansionSearch, 1, 4096, nameof(ExpansionSearch));
        Check(MaxEntitiesPerShard, 1, int.MaxValue, nameof(MaxEntitiesPerShard));
        Check(InsertThreads, 0, 1024, nameof(InsertThreads));
    }

    private static void Check(int value, int min, int max, string name)
    {
        if (value < min || value > max)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be between {min} and {max}.");
        }
    }
}
