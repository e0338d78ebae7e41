using Disambig.Aliases;

namespace Disambig.Grains.Aliases;

/// <summary>
/// The alias job's working set (pure): an <see cref="AliasCatalog"/> over every placed entity, and the entities held
/// per name, so that replacing a few names upserts only the entities that changed and removes the ones that are gone.
/// Not thread-safe; owns native memory.
/// </summary>
public sealed class AliasIndex : IDisposable
{
    private readonly AliasCatalog _catalog;
    private readonly Dictionary<string, Dictionary<string, AliasEntity>> _byName = new(StringComparer.Ordinal);

    /// <param name="model">Threshold, probability calibration and low-evidence cap.</param>
    /// <param name="options">Neighbourhood, evidence and index settings.</param>
    public AliasIndex(AliasModel model, AliasOptions options) => _catalog = new AliasCatalog(model, options);

    /// <summary>Entities held.</summary>
    public int Count => _catalog.Count;

    /// <summary>Shards of the centroid index.</summary>
    public int ShardCount => _catalog.ShardCount;

    /// <summary>
    /// Makes the index hold exactly <paramref name="entities"/> for each name of <paramref name="names"/> (a name with no
    /// entity given loses all it had): changed or new entities are upserted and queried again, vanished ones removed,
    /// unchanged ones left alone.
    /// </summary>
    /// <returns>What the update did.</returns>
    public AliasUpdate Replace(IReadOnlyCollection<string> names, IReadOnlyList<AliasEntity> entities, CancellationToken cancellationToken)
    {
        var fresh = entities.GroupBy(e => e.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var upserts = new List<AliasEntity>();
        var removed = new List<string>();
        foreach (var name in names.Concat(fresh.Keys).Distinct(StringComparer.Ordinal))
        {
            var held = _byName.GetValueOrDefault(name) ?? [];
            var now = fresh.GetValueOrDefault(name) ?? [];
            var nowIds = now.Select(e => e.EntityId).ToHashSet(StringComparer.Ordinal);
            removed.AddRange(held.Keys.Where(id => !nowIds.Contains(id)));
            upserts.AddRange(now.Where(e => !held.TryGetValue(e.EntityId, out var before) || AliasEntities.Differs(before, e)));
            if (now.Count == 0) _byName.Remove(name);
            else _byName[name] = now.ToDictionary(e => e.EntityId, StringComparer.Ordinal);
        }
        return _catalog.Update(upserts, removed, cancellationToken);
    }

    /// <summary>The current proposals with fresh evidence, most probable first.</summary>
    public IReadOnlyList<AliasSuggestion> Suggestions() => _catalog.Suggestions();

    public void Dispose() => _catalog.Dispose();
}
