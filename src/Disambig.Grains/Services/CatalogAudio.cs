using Disambig.Grains.Names;
using Disambig.Storage;

namespace Disambig.Grains.Services;

/// <summary>Finds catalog audio in the catalog store: its ETag (the cache key) and a local file to decode.</summary>
public sealed class CatalogAudio(PipelineStores stores)
{
    /// <summary>Size and ETag of the audio, or null when there is none.</summary>
    /// <exception cref="InvalidBlobNameException">The path could leave the store.</exception>
    public Task<BlobInfo?> GetInfoAsync(string audioPath, CancellationToken cancellationToken) =>
        stores.Catalog.GetInfoAsync(audioPath, cancellationToken);

    /// <summary>The audio as a local file; a download from a remote store is deleted when the lease is disposed.</summary>
    public Task<LocalBlobFile> OpenLocalAsync(string audioPath, CancellationToken cancellationToken) =>
        LocalBlobFile.OpenAsync(stores.Catalog, audioPath, cancellationToken);

    /// <summary>
    /// The ETag of each of <paramref name="audioPaths"/> (absent: no audio object, or a path that could leave the store),
    /// from one listing per release folder (<see cref="NameFingerprint.Listings"/>), not one call per track.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string>> ListETagsAsync(IEnumerable<string> audioPaths, CancellationToken cancellationToken)
    {
        var etags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var listing in NameFingerprint.Listings(audioPaths.Where(IsValid)))
        {
            if (listing.Prefix is null)
            {
                if (await stores.Catalog.GetInfoAsync(listing.Names[0], cancellationToken) is { } info) etags[info.Name] = info.ETag;
                continue;
            }
            var wanted = listing.Names.ToHashSet(StringComparer.Ordinal);
            await foreach (var info in stores.Catalog.ListInfoAsync(listing.Prefix, cancellationToken))
            {
                // Listings come in ordinal order: past the last wanted name, the rest of the folder is not needed.
                if (string.CompareOrdinal(info.Name, listing.Names[^1]) > 0) break;
                if (wanted.Contains(info.Name)) etags[info.Name] = info.ETag;
            }
        }
        return etags;
    }

    private static bool IsValid(string audioPath)
    {
        try
        {
            BlobName.Validate(audioPath);
            return true;
        }
        catch (InvalidBlobNameException)
        {
            return false;
        }
    }
}
