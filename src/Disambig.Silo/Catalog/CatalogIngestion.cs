using Disambig.Catalog;
using Disambig.Grains;

namespace Disambig.Silo;

/// <summary>What a streamed ingestion added: tracks, and every name touched (for the incremental sweep that follows).</summary>
/// <param name="TracksRead">Tracks read from the source.</param>
/// <param name="TracksAdded">Tracks new or changed.</param>
/// <param name="TouchedNames">Names that gained or changed tracks, sorted.</param>
public sealed record IngestTotals(long TracksRead, long TracksAdded, IReadOnlyList<string> TouchedNames);

/// <summary>
/// Sends a stream of catalog tracks to the catalog grain in batches of bounded size, one batch in flight: memory stays
/// that of one batch whatever the size of the catalog file, when the touched names go to a sink as each batch returns
/// them (<c>disambig ingest</c> feeds them to its sweep, <see cref="NamesSweepFeed"/>); the overload that returns
/// them all keeps them too.
/// </summary>
public static class CatalogIngestion
{
    /// <param name="grains">A client or grain factory of the cluster.</param>
    /// <param name="tracks">Validated tracks, read as a stream.</param>
    /// <param name="ingested">
    /// Told what each batch changed as it returns: the names it touched (gained or changed tracks) and those still
    /// awaiting a sweep (<see cref="IngestSummary.NamesToSweep"/>); a name may come again with a later batch.
    /// </param>
    /// <param name="pathPrefix">Prepended to every audio path: the catalog file's folder within the catalog store ("" or ending with '/').</param>
    /// <param name="batchSize">Tracks per call: 1 to <see cref="CatalogLimits.MaxBatchTracks"/>.</param>
    /// <param name="onBatch">Told the running totals after each batch (progress).</param>
    /// <param name="cancellationToken">Stops between batches; what was sent stays ingested.</param>
    /// <returns>Tracks read and tracks new or changed.</returns>
    public static async Task<(long TracksRead, long TracksAdded)> IngestAsync(
        this IGrainFactory grains, IAsyncEnumerable<CatalogTrack> tracks, Func<IngestSummary, CancellationToken, Task> ingested,
        string pathPrefix = "", int batchSize = CatalogLimits.MaxBatchTracks, Action<long, long>? onBatch = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(batchSize, CatalogLimits.MaxBatchTracks);
        var catalog = grains.GetGrain<ICatalogGrain>(CatalogKeys.Default);
        var batch = new List<CatalogTrack>(batchSize);
        long read = 0, added = 0;
        async Task SendAsync()
        {
            var summary = await catalog.Ingest(CatalogEntries.From(batch, pathPrefix));
            read += batch.Count;
            added += summary.TracksAdded;
            batch.Clear();
            onBatch?.Invoke(read, added);
            await ingested(summary, cancellationToken);
        }
        await foreach (var track in tracks.WithCancellation(cancellationToken))
        {
            batch.Add(track);
            if (batch.Count == batchSize) await SendAsync();
        }
        if (batch.Count > 0) await SendAsync();
        return (read, added);
    }

    /// <summary>The same, returning every touched name (kept in memory: for catalogs that fit it).</summary>
    public static async Task<IngestTotals> IngestAsync(
        this IGrainFactory grains, IAsyncEnumerable<CatalogTrack> tracks, string pathPrefix = "", int batchSize = CatalogLimits.MaxBatchTracks,
        Action<long, long>? onBatch = null, CancellationToken cancellationToken = default)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var (read, added) = await grains.IngestAsync(tracks, (summary, _) =>
        {
            names.UnionWith(summary.TouchedNames);
            return Task.CompletedTask;
        }, pathPrefix, batchSize, onBatch, cancellationToken);
        return new IngestTotals(read, added, [.. names.Order(StringComparer.Ordinal)]);
    }

    /// <summary>Sends tracks already in memory, in batches.</summary>
    public static Task<IngestTotals> IngestAsync(this IGrainFactory grains, IEnumerable<CatalogTrack> tracks, string pathPrefix = "") =>
        grains.IngestAsync(tracks.ToAsyncEnumerable(), pathPrefix);
}
