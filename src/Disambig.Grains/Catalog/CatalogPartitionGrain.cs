using Disambig.Grains.Hosting;
using Disambig.Grains.Services;
using Microsoft.Extensions.Options;

namespace Disambig.Grains.Catalog;

/// <summary>The name keys of one catalog partition, sorted.</summary>
[GenerateSerializer, Alias("Disambig.CatalogPartitionNames")]
public sealed class CatalogPartitionNames
{
    [Id(0)] public SortedSet<string> Names { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Up to <paramref name="limit"/> names sorted after <paramref name="after"/> (null: from the first).</summary>
    public IReadOnlyList<string> After(string? after, int limit)
    {
        if (Names.Count == 0) return [];
        if (after is null) return [.. Names.Take(limit)];
        if (StringComparer.Ordinal.Compare(after, Names.Max) >= 0) return [];
        var from = StringComparer.Ordinal.Compare(after, Names.Min) < 0 ? Names.Min! : after;
        return [.. Names.GetViewBetween(from, Names.Max).Where(name => !string.Equals(name, after, StringComparison.Ordinal)).Take(limit)];
    }
}

/// <summary>
/// One partition of the catalog: adds its share of a batch to the name grains, at most
/// <see cref="PipelineOptions.IngestConcurrency"/> calls at once, and keeps its names (written once per batch that adds one).
/// </summary>
internal sealed class CatalogPartitionGrain(
    [PersistentState("catalog-names", GrainStorage.Name)] IPersistentState<CatalogPartitionNames> state,
    IOptions<PipelineOptions> options) : Grain, ICatalogPartitionGrain
{
    public async Task<IngestSummary> Ingest(IReadOnlyList<CatalogEntry> entries)
    {
        var byName = entries.GroupBy(entry => entry.NameKey, StringComparer.Ordinal).ToList();
        var added = await BoundedFanOut.RunAsync(byName, options.Value.IngestConcurrency, AddTracksAsync);
        var before = state.State.Names.Count;
        state.State.Names.UnionWith(byName.Select(group => group.Key));
        if (state.State.Names.Count != before) await state.WriteStateAsync();
        var names = byName.Zip(added).ToList();
        var touched = names.Where(pair => pair.Second.Changed > 0).Select(pair => pair.First.Key).Order(StringComparer.Ordinal);
        var awaiting = names.Where(pair => pair.Second is { Changed: 0, AwaitsSweep: true }).Select(pair => pair.First.Key).Order(StringComparer.Ordinal);
        return new IngestSummary(added.Sum(a => a.Changed), [.. touched]) { AwaitingNames = [.. awaiting] };
    }

    /// <summary>
    /// Adds a name's tracks, asking again after a transient failure (<see cref="TransientRetry"/>:
    /// <see cref="IArtistNameGrain.AddTracks"/> is idempotent). A retried name counts as touched even when the retry
    /// finds its tracks already added (by the attempt that timed out), so that it is swept.
    /// </summary>
    private Task<TracksAdded> AddTracksAsync(IGrouping<string, CatalogEntry> group)
    {
        var name = GrainFactory.GetGrain<IArtistNameGrain>(group.Key);
        IReadOnlyList<TrackRef> tracks = [.. group.Select(e => new TrackRef(e.TrackId, e.AudioPath, e.Details))];
        return TransientRetry.RunAsync(async attempt =>
        {
            var added = await name.AddTracks(group.First().DisplayName, tracks);
            return attempt == 1 ? added : added with { Changed = Math.Max(added.Changed, 1) };
        });
    }

    public Task<IReadOnlyList<string>> ListNames(string? after, int limit) => Task.FromResult(state.State.After(after, limit));

    public Task<int> CountNames() => Task.FromResult(state.State.Names.Count);
}
