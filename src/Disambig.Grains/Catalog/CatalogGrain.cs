using Disambig.Grains.Hosting;

namespace Disambig.Grains.Catalog;

/// <summary>The catalog's name keys (its tracks live in their name grains).</summary>
[GenerateSerializer, Alias("Disambig.CatalogNames")]
public sealed class CatalogNames
{
    [Id(0)] public SortedSet<string> Names { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>Ingests tracks into their name grains and remembers the names of the catalog.</summary>
internal sealed class CatalogGrain(
    [PersistentState("catalog", GrainStorage.Name)] IPersistentState<CatalogNames> state) : Grain, ICatalogGrain
{
    public async Task<IngestSummary> Ingest(IReadOnlyList<CatalogEntry> entries)
    {
        var byName = entries.GroupBy(entry => entry.NameKey, StringComparer.Ordinal).ToList();
        var changed = await Task.WhenAll(byName.Select(group => GrainFactory.GetGrain<IArtistNameGrain>(group.Key)
            .AddTracks(group.First().DisplayName, group.Select(e => new TrackRef(e.TrackId, e.AudioPath, e.Details)).ToList())));
        var touched = byName.Zip(changed).Where(pair => pair.Second > 0).Select(pair => pair.First.Key).Order(StringComparer.Ordinal).ToList();
        var before = state.State.Names.Count;
        state.State.Names.UnionWith(byName.Select(group => group.Key));
        if (state.State.Names.Count != before) await state.WriteStateAsync();
        return new IngestSummary(changed.Sum(), touched);
    }

    public Task<IReadOnlyList<string>> ListNames() => Task.FromResult<IReadOnlyList<string>>(state.State.Names.ToList());
}
