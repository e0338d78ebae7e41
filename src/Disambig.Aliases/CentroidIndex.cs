using Disambig.Clustering;

namespace Disambig.Aliases;

/// <summary>One search hit: an index key and its cosine distance (1 - cos) to the query.</summary>
public readonly record struct Neighbour(ulong Key, float Distance);

/// <summary>
/// Approximate nearest-neighbour index over unit centroids: USearch HNSW graphs under the cosine metric, split into
/// shards of at most <see cref="AliasOptions.MaxEntitiesPerShard"/> entries. A query asks every shard and merges the
/// answers, so a catalog too large for one index (or one silo) is still searched as a whole.
/// </summary>
/// <remarks>
/// Not thread-safe: one call at a time. Inside a call, entries are inserted and queries answered in parallel on at most
/// <see cref="Environment.ProcessorCount"/> threads, within USearch's per-index thread contexts (one per core).
/// Owns native memory: dispose it.
/// </remarks>
public sealed class CentroidIndex : IDisposable, IAsyncDisposable
{
    private readonly List<UsearchShard> _shards = [];
    private readonly List<int> _shardCounts = [];
    private readonly Dictionary<ulong, int> _shardOf = [];
    private readonly AliasOptions _options;
    private bool _disposed;

    /// <param name="dimension">Length of every centroid (&gt;= 1).</param>
    /// <param name="options">Graph and shard settings (validated here).</param>
    /// <exception cref="ArgumentOutOfRangeException">The dimension or a setting is out of range.</exception>
    public CentroidIndex(int dimension, AliasOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Dimension = dimension;
        _options = options;
    }

    /// <summary>Length of every indexed vector.</summary>
    public int Dimension { get; }

    /// <summary>Number of entries.</summary>
    public int Count => _shardOf.Count;

    /// <summary>Number of shards (USearch indexes) in use.</summary>
    public int ShardCount => _shards.Count;

    /// <summary>Whether <paramref name="key"/> is indexed.</summary>
    public bool Contains(ulong key) => _shardOf.ContainsKey(key);

    /// <summary>
    /// Adds entries: the last shard is filled up to its limit, then new shards are opened; each shard's batch is
    /// inserted on all cores.
    /// </summary>
    /// <param name="keys">New keys, distinct and not yet indexed.</param>
    /// <param name="vectors">[n, <see cref="Dimension"/>] vectors, the same count as keys; unit length for cosine distances.</param>
    /// <param name="cancellationToken">Checked between insertions.</param>
    /// <exception cref="ArgumentException">Counts differ, a key repeats or is already indexed, or a vector has another length.</exception>
    public void AddRange(IReadOnlyList<ulong> keys, IReadOnlyList<float[]> vectors, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(vectors);
        if (keys.Count != vectors.Count)
        {
            throw new ArgumentException($"Got {keys.Count} keys for {vectors.Count} vectors.", nameof(vectors));
        }

        var seen = new HashSet<ulong>();
        for (var i = 0; i < keys.Count; i++)
        {
            if (!seen.Add(keys[i]) || _shardOf.ContainsKey(keys[i]))
            {
                throw new ArgumentException($"Key {keys[i]} is given twice or already indexed.", nameof(keys));
            }

            if (vectors[i].Length != Dimension)
            {
                throw new ArgumentException($"Vector {i} (key {keys[i]}) has {vectors[i].Length} values; the index holds {Dimension}.", nameof(vectors));
            }
        }

        var batches = new List<(int Shard, int Start, int Length)>();
        var next = 0;
        while (next < keys.Count)
        {
            var shard = _shards.Count > 0 && _shardCounts[^1] < _options.MaxEntitiesPerShard ? _shards.Count - 1 : OpenShard();
            var length = Math.Min(keys.Count - next, _options.MaxEntitiesPerShard - _shardCounts[shard]);
            batches.Add((shard, next, length));
            _shardCounts[shard] += length;
            next += length;
        }

        foreach (var batch in batches)
        {
            var batchKeys = new ulong[batch.Length];
            var batchVectors = new float[batch.Length][];
            for (var i = 0; i < batch.Length; i++)
            {
                batchKeys[i] = keys[batch.Start + i];
                batchVectors[i] = vectors[batch.Start + i];
            }

            _shards[batch.Shard].AddRange(batchKeys, batchVectors, cancellationToken);
        }

        foreach (var batch in batches)
        {
            for (var i = batch.Start; i < batch.Start + batch.Length; i++)
            {
                _shardOf[keys[i]] = batch.Shard;
            }
        }
    }

    /// <summary>Removes an entry; false when the key is not indexed.</summary>
    public bool Remove(ulong key)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!_shardOf.Remove(key, out var shard))
        {
            return false;
        }

        _shards[shard].Remove(key);
        _shardCounts[shard]--;
        return true;
    }

    /// <summary>The (approximately) <paramref name="count"/> nearest entries to each query, nearest first, merged over shards.</summary>
    /// <param name="queries">[q, <see cref="Dimension"/>] unit query vectors.</param>
    /// <param name="count">Neighbours wanted per query (&gt;= 1); fewer come back when the index holds fewer.</param>
    /// <param name="cancellationToken">Checked between queries.</param>
    /// <exception cref="ArgumentException">A query has another length.</exception>
    public Neighbour[][] Search(IReadOnlyList<float[]> queries, int count, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        for (var q = 0; q < queries.Count; q++)
        {
            if (queries[q].Length != Dimension)
            {
                throw new ArgumentException($"Query {q} has {queries[q].Length} values; the index holds {Dimension}.", nameof(queries));
            }
        }

        var results = new Neighbour[queries.Count][];
        var parallel = ParallelLoops.OnCurrentScheduler(cancellationToken, Environment.ProcessorCount);
        Parallel.For(0, queries.Count, parallel, q => results[q] = SearchOne(queries[q], count));
        return results;
    }

    private Neighbour[] SearchOne(float[] query, int count)
    {
        var merged = new List<Neighbour>(count * Math.Max(1, _shards.Count));
        for (var s = 0; s < _shards.Count; s++)
        {
            if (_shardCounts[s] == 0)
            {
                continue;
            }

            var wanted = Math.Min(count, _shardCounts[s]);
            var keys = new ulong[wanted];
            var distances = new float[wanted];
            var found = _shards[s].Search(query, wanted, keys, distances);
            for (var i = 0; i < found; i++)
            {
                merged.Add(new Neighbour(keys[i], distances[i]));
            }
        }

        merged.Sort(static (a, b) => a.Distance != b.Distance ? a.Distance.CompareTo(b.Distance) : a.Key.CompareTo(b.Key));
        return [.. merged.Take(count)];
    }

    private int OpenShard()
    {
        _shards.Add(new UsearchShard(Dimension, _options));
        _shardCounts.Add(0);
        return _shards.Count - 1;
    }

    /// <summary>Frees the native indexes (synchronously: nothing to await).</summary>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Frees the native indexes.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (var shard in _shards)
        {
            shard.Dispose();
        }
    }
}
