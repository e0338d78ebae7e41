using System.Runtime.CompilerServices;

namespace Disambig.Grains;

/// <summary>Reads the catalog's names and what the pipeline decided for them, page by page, from any client or grain.</summary>
public static class CatalogResults
{
    /// <summary>Names of one page of the walk.</summary>
    public const int ResultPage = 500;

    /// <summary>Results asked at once, at most.</summary>
    public const int ResultConcurrency = 32;

    /// <summary>Every name key of the catalog, one page of <paramref name="pageSize"/> names at a time.</summary>
    public static async IAsyncEnumerable<IReadOnlyList<string>> ListNamePagesAsync(
        this IGrainFactory grains, int pageSize = CatalogLimits.MaxPageNames, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var catalog = grains.GetGrain<ICatalogGrain>(CatalogKeys.Default);
        string? cursor = null;
        do
        {
            cancellationToken.ThrowIfCancellationRequested();
            var page = await catalog.ListNames(cursor, pageSize);
            if (page.Names.Count > 0) yield return page.Names;
            cursor = page.NextCursor;
        }
        while (cursor is not null);
    }

    /// <summary>
    /// Every name of the catalog, in the catalog's order, with its latest result (null before its first): one page of
    /// names at a time, at most <see cref="ResultConcurrency"/> results asked at once; a big name's paged result is read
    /// whole, page by page (<see cref="NameResultPages.ReadWholeResultAsync"/>).
    /// </summary>
    public static async IAsyncEnumerable<(string Name, NameResult? Result)> ReadResultsAsync(
        this IGrainFactory grains, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var names in grains.ListNamePagesAsync(ResultPage, cancellationToken))
        {
            foreach (var slice in names.Chunk(ResultConcurrency))
            {
                var results = await Task.WhenAll(slice.Select(name => grains.GetGrain<IArtistNameGrain>(name).ReadWholeResultAsync(NameResultPages.MaxPageSize)));
                foreach (var pair in slice.Zip(results)) yield return pair;
            }
        }
    }

    /// <summary>Every name of the catalog with its latest result, gathered in memory (small catalogs, tests).</summary>
    public static async Task<IReadOnlyList<(string Name, NameResult? Result)>> ReadAllResultsAsync(this IGrainFactory grains)
    {
        var all = new List<(string, NameResult?)>();
        await foreach (var pair in grains.ReadResultsAsync()) all.Add(pair);
        return all;
    }
}
