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
}
