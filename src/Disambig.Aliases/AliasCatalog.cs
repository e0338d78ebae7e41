namespace Disambig.Aliases;

/// <summary>What one <see cref="AliasCatalog.Update"/> did.</summary>
/// <param name="QueriedEntities">Entities whose neighbourhoods were searched again (the added and changed ones).</param>
/// <param name="RemovedEntities">Entities taken out of the index.</param>
/// <param name="Suggestions">Proposals held after the update.</param>
public sealed record AliasUpdate(int QueriedEntities, int RemovedEntities, int Suggestions);

/// <summary>
/// Alias candidates over a whole catalog, kept up to date incrementally: entity centroids live in a sharded
/// <see cref="CentroidIndex"/>; each added or changed entity looks up its nearest entities under other names, and every
/// pair closer than <see cref="AliasModel.Threshold"/> is proposed. Only entities that changed are queried again.
/// </summary>
/// <remarks>
/// A pair is found from the changed side: when entity X changes, its proposals are dropped and its neighbourhood
/// searched again, so a pair (X, Y) with an unchanged Y is kept exactly when Y is among X's nearest other-name
/// entities. Evidence (albums, years, shared albums) is read from the current entities whenever
/// <see cref="Suggestions"/> is asked, so it is never stale. Not thread-safe; owns native memory: dispose it.
/// </remarks>
public sealed class AliasCatalog : IDisposable, IAsyncDisposable
{
    private readonly AliasModel _model;
    private readonly AliasOptions _options;
    private readonly Dictionary<string, ulong> _keyOf = new(StringComparer.Ordinal);
    private readonly Dictionary<ulong, AliasEntity> _entityOf = [];
    private readonly Dictionary<string, HashSet<ulong>> _keysOfName = new(StringComparer.Ordinal);
    private readonly Dictionary<(ulong Low, ulong High), double> _pairs = [];
    private CentroidIndex? _index;
    private ulong _nextKey;

    /// <param name="model">Threshold and calibration.</param>
    /// <param name="options">Neighbourhood, evidence and index settings (validated here).</param>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    public AliasCatalog(AliasModel model, AliasOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _model = model;
        _options = options;
    }

    /// <summary>Number of entities held.</summary>
    public int Count => _entityOf.Count;

    /// <summary>Shards of the centroid index (0 before the first entity).</summary>
    public int ShardCount => _index?.ShardCount ?? 0;

    /// <summary>One-shot search: the proposals over <paramref name="entities"/>, most probable first.</summary>
    /// <exception cref="ArgumentException">Ids repeat, a name is blank, or centroids differ in length.</exception>
    public static IReadOnlyList<AliasSuggestion> Find(IReadOnlyList<AliasEntity> entities, AliasModel model, AliasOptions options, CancellationToken cancellationToken = default)
    {
        using var catalog = new AliasCatalog(model, options);
        catalog.Update(entities, [], cancellationToken);
        return catalog.Suggestions();
    }

    /// <summary>Adds or replaces <paramref name="upserts"/> (by id), removes <paramref name="removedIds"/>, and queries the upserted entities again.</summary>
    /// <param name="upserts">New entities and new versions of held ones; ids distinct.</param>
    /// <param name="removedIds">Ids to drop; unknown ids are ignored.</param>
    /// <param name="cancellationToken">Checked between index operations.</param>
    /// <exception cref="ArgumentException">Ids repeat, an id is also removed, a name is blank, or a centroid's length differs from the index's.</exception>
    public AliasUpdate Update(IReadOnlyList<AliasEntity> upserts, IReadOnlyCollection<string> removedIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(upserts);
        ArgumentNullException.ThrowIfNull(removedIds);
        Validate(upserts, removedIds);

        var removed = 0;
        var forgotten = new HashSet<ulong>();
        foreach (var (id, isRemoval) in removedIds.Select(id => (id, true)).Concat(upserts.Select(e => (e.EntityId, false))))
        {
            if (_keyOf.Remove(id, out var key))
            {
                removed += isRemoval ? 1 : 0;
                Forget(key);
                forgotten.Add(key);
            }
        }

        if (forgotten.Count > 0)
        {
            foreach (var pair in _pairs.Keys.Where(p => forgotten.Contains(p.Low) || forgotten.Contains(p.High)).ToArray())
            {
                _pairs.Remove(pair);
            }
        }

        if (upserts.Count == 0)
        {
            return new AliasUpdate(0, removed, _pairs.Count);
        }

        _index ??= new CentroidIndex(upserts[0].Place.Dimension, _options);
        var keys = new ulong[upserts.Count];
        for (var i = 0; i < upserts.Count; i++)
        {
            keys[i] = _nextKey++;
            _keyOf[upserts[i].EntityId] = keys[i];
            _entityOf[keys[i]] = upserts[i];
            NameKeys(upserts[i].Name).Add(keys[i]);
        }

        var centroids = upserts.Select(e => e.Place.Centroid).ToArray();
        _index.AddRange(keys, centroids, cancellationToken);
        var neighbours = SearchWithOwnName(upserts, centroids, cancellationToken);
        for (var i = 0; i < upserts.Count; i++)
        {
            ProposeAmong(keys[i], upserts[i], neighbours[i]);
        }

        return new AliasUpdate(upserts.Count, removed, _pairs.Count);
    }

    /// <summary>The current proposals with fresh evidence, most probable first (then by ids).</summary>
    public IReadOnlyList<AliasSuggestion> Suggestions()
    {
        var albumsOfName = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        HashSet<string> NameAlbums(string name)
        {
            if (!albumsOfName.TryGetValue(name, out var albums))
            {
                albums = [.. _keysOfName[name].SelectMany(k => _entityOf[k].Albums.Select(a => a.AlbumId))];
                albumsOfName[name] = albums;
            }

            return albums;
        }

        var suggestions = new List<AliasSuggestion>(_pairs.Count);
        foreach (var ((first, second), distance) in _pairs)
        {
            var (left, right) = (_entityOf[first], _entityOf[second]);
            if (string.CompareOrdinal(left.EntityId, right.EntityId) > 0)
            {
                (left, right) = (right, left);
            }

            var lowEvidence = Math.Min(left.Place.TrackCount, right.Place.TrackCount) <= _options.LowEvidenceMaxTracks;
            var shared = NameAlbums(left.Name).Overlaps(NameAlbums(right.Name));
            suggestions.Add(new AliasSuggestion(
                _model.Probability(distance, lowEvidence),
                lowEvidence,
                new AliasEvidence(distance, Side(left), Side(right), shared)));
        }

        return
        [
            .. suggestions
                .OrderByDescending(s => s.Probability)
                .ThenBy(s => s.LeftEntityId, StringComparer.Ordinal)
                .ThenBy(s => s.RightEntityId, StringComparer.Ordinal),
        ];
    }

    /// <summary>Frees the native index.</summary>
    public void Dispose() => _index?.Dispose();

    /// <summary>Frees the native index (synchronously: nothing to await).</summary>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private static AliasSide Side(AliasEntity entity) => new(
        entity.EntityId,
        entity.Name,
        entity.Place.TrackCount,
        entity.Place.Spread,
        [.. entity.Albums.Select(a => a.AlbumId).Distinct().Order(StringComparer.Ordinal)],
        [.. entity.Albums.Where(a => a.Year is not null).Select(a => a.Year!.Value).Distinct().Order()]);

    /// <summary>
    /// Each query's neighbours, asking for <see cref="AliasOptions.Neighbours"/> plus its own name's entities (skipped
    /// later); queries wanting the same count go together, so one crowded name does not widen every other search.
    /// </summary>
    private Neighbour[][] SearchWithOwnName(IReadOnlyList<AliasEntity> queries, float[][] centroids, CancellationToken cancellationToken)
    {
        var index = _index!;
        var neighbours = new Neighbour[queries.Count][];
        var groups = Enumerable.Range(0, queries.Count)
            .GroupBy(i => Math.Min(index.Count, _options.Neighbours + _keysOfName[queries[i].Name].Count));
        foreach (var group in groups)
        {
            var members = group.ToArray();
            var found = index.Search([.. members.Select(i => centroids[i])], group.Key, cancellationToken);
            for (var m = 0; m < members.Length; m++)
            {
                neighbours[members[m]] = found[m];
            }
        }

        return neighbours;
    }

    /// <summary>Proposes every one of the nearest other-name neighbours closer than the threshold.</summary>
    private void ProposeAmong(ulong key, AliasEntity entity, Neighbour[] neighbours)
    {
        var found = 0;
        foreach (var neighbour in neighbours)
        {
            var other = _entityOf[neighbour.Key];
            if (string.Equals(other.Name, entity.Name, StringComparison.Ordinal))
            {
                continue;
            }

            if (++found > _options.Neighbours)
            {
                break;
            }

            var distance = Math.Clamp(1.0 - ExactSearch.Dot(entity.Place.Centroid, other.Place.Centroid), 0, 2);
            if (distance < _model.Threshold)
            {
                _pairs[Ordered(key, neighbour.Key)] = distance;
            }
        }
    }

    private static (ulong, ulong) Ordered(ulong a, ulong b) => a < b ? (a, b) : (b, a);

    private HashSet<ulong> NameKeys(string name)
    {
        if (!_keysOfName.TryGetValue(name, out var keys))
        {
            keys = [];
            _keysOfName[name] = keys;
        }

        return keys;
    }

    private void Forget(ulong key)
    {
        var entity = _entityOf[key];
        _entityOf.Remove(key);
        _index!.Remove(key);
        var siblings = _keysOfName[entity.Name];
        siblings.Remove(key);
        if (siblings.Count == 0)
        {
            _keysOfName.Remove(entity.Name);
        }
    }

    private void Validate(IReadOnlyList<AliasEntity> upserts, IReadOnlyCollection<string> removedIds)
    {
        var removals = removedIds.ToHashSet(StringComparer.Ordinal);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var dimension = _index?.Dimension ?? (upserts.Count > 0 ? upserts[0].Place.Dimension : 0);
        foreach (var entity in upserts)
        {
            ArgumentNullException.ThrowIfNull(entity);
            if (string.IsNullOrWhiteSpace(entity.EntityId))
            {
                throw new ArgumentException("An entity has a blank id.", nameof(upserts));
            }

            if (!ids.Add(entity.EntityId) || removals.Contains(entity.EntityId))
            {
                throw new ArgumentException($"Entity '{entity.EntityId}' is given twice in one update.", nameof(upserts));
            }

            if (string.IsNullOrWhiteSpace(entity.Name))
            {
                throw new ArgumentException($"Entity '{entity.EntityId}' has a blank name.", nameof(upserts));
            }

            if (entity.Place.Dimension != dimension || dimension == 0)
            {
                throw new ArgumentException(
                    $"Entity '{entity.EntityId}' has a centroid of {entity.Place.Dimension} values; the catalog's centroids have {dimension}.",
                    nameof(upserts));
            }
        }
    }
}
