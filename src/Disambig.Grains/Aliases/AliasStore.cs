using System.Text;
using System.Text.Json;
using Disambig.Grains.Services;

namespace Disambig.Grains.Aliases;

/// <summary>The manifest of the current alias suggestions: <c>aliases/current.json</c> in the results store.</summary>
/// <param name="RunId">The run whose pages are current (<c>aliases/{run}/</c>).</param>
/// <param name="Trigger">What triggered it (a sweep id, "manual").</param>
/// <param name="Pages">Number of JSON Lines pages, <c>aliases/{run}/{page:D6}.jsonl</c>.</param>
/// <param name="Total">Suggestions over all pages.</param>
/// <param name="Entities">Entities indexed.</param>
/// <param name="Queried">Entities searched in that run.</param>
/// <param name="CompletedAt">When the run completed.</param>
public sealed record AliasManifest(string RunId, string Trigger, int Pages, int Total, int Entities, int Queried, DateTimeOffset CompletedAt);

/// <summary>
/// Alias suggestions in the results store, as JSON Lines pages of at most a page size each (one suggestion a line,
/// stable entity ids on both sides), and a manifest naming the current run, written last so readers never see a
/// half-written run. Earlier runs' pages are deleted after the manifest moves on.
/// </summary>
public sealed class AliasStore(PipelineStores stores)
{
    /// <summary>Object name of the manifest.</summary>
    public const string ManifestName = "aliases/current.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Object name of page <paramref name="page"/> of run <paramref name="runId"/>.</summary>
    public static string PageName(string runId, int page) => $"aliases/{runId}/{page:D6}.jsonl";

    /// <summary>Writes the suggestions of a run in pages of <paramref name="pageSize"/>, then the manifest; drops older runs.</summary>
    public async Task<AliasManifest> WriteAsync(AliasManifest run, IReadOnlyList<AliasCandidate> suggestions, int pageSize, CancellationToken cancellationToken)
    {
        var pages = (suggestions.Count + pageSize - 1) / pageSize;
        for (var page = 0; page < pages; page++)
        {
            var text = new StringBuilder();
            foreach (var suggestion in suggestions.Skip(page * pageSize).Take(pageSize))
                text.Append(JsonSerializer.Serialize(suggestion, Json)).Append('\n');
            using var content = new MemoryStream(Encoding.UTF8.GetBytes(text.ToString()));
            await stores.Results.WriteAsync(PageName(run.RunId, page), content, cancellationToken);
        }
        var manifest = run with { Pages = pages, Total = suggestions.Count };
        using (var content = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(manifest, Json)))
            await stores.Results.WriteAsync(ManifestName, content, cancellationToken);
        var stale = new List<string>();
        await foreach (var name in stores.Results.ListAsync("aliases/", cancellationToken))
        {
            if (name != ManifestName && !name.StartsWith($"aliases/{run.RunId}/", StringComparison.Ordinal)) stale.Add(name);
        }
        foreach (var name in stale) await stores.Results.DeleteAsync(name, cancellationToken);
        return manifest;
    }

    /// <summary>The current manifest, or null before the first run.</summary>
    public async Task<AliasManifest?> ReadManifestAsync(CancellationToken cancellationToken)
    {
        if (await stores.Results.GetInfoAsync(ManifestName, cancellationToken) is null) return null;
        await using var stream = await stores.Results.OpenReadAsync(ManifestName, cancellationToken);
        return await JsonSerializer.DeserializeAsync<AliasManifest>(stream, Json, cancellationToken);
    }

    /// <summary>Every suggestion of the run of <paramref name="manifest"/>, page by page, in order.</summary>
    public async Task<IReadOnlyList<AliasCandidate>> ReadAllAsync(AliasManifest manifest, CancellationToken cancellationToken)
    {
        var all = new List<AliasCandidate>(manifest.Total);
        for (var page = 0; page < manifest.Pages; page++)
        {
            await using var stream = await stores.Results.OpenReadAsync(PageName(manifest.RunId, page), cancellationToken);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                if (line.Length > 0) all.Add(JsonSerializer.Deserialize<AliasCandidate>(line, Json)!);
            }
        }
        return all;
    }
}
