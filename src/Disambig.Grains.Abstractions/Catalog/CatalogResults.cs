namespace Disambig.Grains;

/// <summary>Reads what the pipeline decided for the whole catalog, from any client or grain.</summary>
public static class CatalogResults
{
    /// <summary>Every name of the catalog, in the catalog's order, with its latest result (null before its first).</summary>
    public static async Task<IReadOnlyList<(string Name, NameResult? Result)>> ReadAllResultsAsync(this IGrainFactory grains)
    {
        var names = await grains.GetGrain<ICatalogGrain>(CatalogKeys.Default).ListNames();
        var results = await Task.WhenAll(names.Select(name => grains.GetGrain<IArtistNameGrain>(name).GetResult()));
        return [.. names.Zip(results)];
    }
}
