using System.Text.Json;
using Disambig.Storage;

namespace Disambig.Datasets.Recipes;

/// <summary>The completion mark of a written split: its <c>report.json</c>, written after the manifest.</summary>
internal static class CompletedSplit
{
    /// <summary>The split's report when the split is complete and was built from <paramref name="planDigest"/>; null otherwise.</summary>
    public static async Task<SplitReport?> FindAsync(IBlobStore store, string splitPrefix, string planDigest, CancellationToken cancellationToken)
    {
        var name = splitPrefix + SplitReport.FileName;
        if (await store.GetInfoAsync(name, cancellationToken) is null
            || await store.GetInfoAsync(splitPrefix + SegmentDatasetManifest.FileName, cancellationToken) is null)
        {
            return null;
        }
        await using var stream = await store.OpenReadAsync(name, cancellationToken);
        try
        {
            var report = await JsonSerializer.DeserializeAsync<SplitReport>(stream, SplitReport.Json, cancellationToken);
            return report?.PlanDigest == planDigest ? report with { AlreadyBuilt = true } : null;
        }
        catch (JsonException)
        {
            // An unreadable mark only means the split is rebuilt; its kept shards make that cheap.
            return null;
        }
    }

    public static Task SaveAsync(IBlobStore store, SplitReport report, CancellationToken cancellationToken) =>
        store.WriteAsync(report.Prefix + SplitReport.FileName, new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(report, SplitReport.Json)), cancellationToken);
}
