using Disambig.Grains.Hosting;
using Disambig.Grains.Services;
using Microsoft.Extensions.Options;

namespace Disambig.Grains.Catalog;

/// <summary>What the catalog grain persists: how many partitions its names are spread over (0 before its first ingestion).</summary>
[GenerateSerializer, Alias("Disambig.CatalogLayout")]
public sealed class CatalogLayout
{
    [Id(0)] public int Partitions { get; set; }
}

/// <summary>
/// Routes each ingested batch to the catalog's partitions (by <see cref="CatalogPartitioning"/>) and pages through their
/// names. The partition count is taken from <see cref="PipelineOptions.CatalogPartitions"/> at the first ingestion and
/// kept: a later change of the setting does not move names already ingested.
/// </summary>
internal sealed class CatalogGrain(
    [PersistentState("catalog-layout", GrainStorage.Name)] IPersistentState<CatalogLayout> layout,
    IOptions<PipelineOptions> options) : Grain, ICatalogGrain
{
    private int Partitions => layout.State.Partitions > 0 ? layout.State.Partitions : options.Value.CatalogPartitions;

    public async Task<IngestSummary> Ingest(IReadOnlyList<CatalogEntry> entries)
    {
        if (entries.Count > CatalogLimits.MaxBatchTracks)
            throw new ArgumentException($"An ingestion batch holds at most {CatalogLimits.MaxBatchTracks} tracks; this one holds {entries.Count}. Send the catalog in batches.", nameof(entries));
        if (entries.Count == 0) return IngestSummary.None;
        if (layout.State.Partitions == 0)
        {
            layout.State.Partitions = options.Value.CatalogPartitions;
            await layout.WriteStateAsync();
        }
        var partitions = Partitions;
        var shares = entries.GroupBy(entry => CatalogPartitioning.PartitionOf(entry.NameKey, partitions)).ToList();
        // A partition's ingestion is idempotent: asked again after a transient failure, every name of its share counts
        // as touched (those the failed attempt added would otherwise look unchanged and miss their sweep).
        var summaries = await BoundedFanOut.RunAsync(shares, options.Value.IngestConcurrency, share => TransientRetry.RunAsync(async attempt =>
        {
            var summary = await PartitionGrain(share.Key).Ingest(share.ToList());
            return attempt == 1 ? summary : summary with { TouchedNames = [.. share.Select(e => e.NameKey).Distinct(StringComparer.Ordinal)], AwaitingNames = [] };
        }));
        return new IngestSummary(summaries.Sum(s => s.TracksAdded), [.. summaries.SelectMany(s => s.TouchedNames).Order(StringComparer.Ordinal)])
        {
            AwaitingNames = [.. summaries.SelectMany(s => s.AwaitingNames).Order(StringComparer.Ordinal)],
        };
    }

    public async Task<NamePage> ListNames(string? cursor, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, CatalogLimits.MaxPageNames);
        var (partition, after) = cursor is null ? (0, null) : CatalogPartitioning.ParseCursor(cursor);
        var names = new List<string>(Math.Min(limit, 1024));
        for (; partition < Partitions; partition++, after = null)
        {
            var page = await PartitionGrain(partition).ListNames(after, limit - names.Count);
            names.AddRange(page);
            if (names.Count == limit)
                return new NamePage(names, CatalogPartitioning.Cursor(partition, names[^1]));
        }
        return new NamePage(names, null);
    }

    public Task<int> GetPartitionCount() => Task.FromResult(Partitions);

    private ICatalogPartitionGrain PartitionGrain(int index) =>
        GrainFactory.GetGrain<ICatalogPartitionGrain>(CatalogKeys.Partition(this.GetPrimaryKeyString(), index));
}
