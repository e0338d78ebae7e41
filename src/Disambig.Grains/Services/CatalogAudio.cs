using Disambig.Storage;

namespace Disambig.Grains.Services;

/// <summary>A track's audio as a local file for ffmpeg: the file itself in a local store, a temporary download otherwise.</summary>
public sealed class LocalAudioFile : IAsyncDisposable
{
    private readonly bool _temporary;

    internal LocalAudioFile(string path, bool temporary)
    {
        Path = path;
        _temporary = temporary;
    }

    /// <summary>Absolute path of the file.</summary>
    public string Path { get; }

    /// <summary>The object <paramref name="name"/> of <paramref name="store"/> as a local file.</summary>
    public static async Task<LocalAudioFile> OpenAsync(IBlobStore store, string name, CancellationToken cancellationToken)
    {
        if (store is LocalFolderBlobStore local)
            return new LocalAudioFile(System.IO.Path.Combine(local.Location, BlobName.Validate(name)), temporary: false);

        var temporary = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"disambig-{Guid.NewGuid():N}{System.IO.Path.GetExtension(name)}");
        await using (var source = await store.OpenReadAsync(name, cancellationToken))
        await using (var target = File.Create(temporary))
        {
            await source.CopyToAsync(target, cancellationToken);
        }
        return new LocalAudioFile(temporary, temporary: true);
    }

    public ValueTask DisposeAsync()
    {
        if (_temporary) File.Delete(Path);
        return ValueTask.CompletedTask;
    }
}

/// <summary>Finds catalog audio in the catalog store: its ETag (the cache key) and a local file to decode.</summary>
public sealed class CatalogAudio(PipelineStores stores)
{
    /// <summary>Size and ETag of the audio, or null when there is none.</summary>
    /// <exception cref="InvalidBlobNameException">The path could leave the store.</exception>
    public Task<BlobInfo?> GetInfoAsync(string audioPath, CancellationToken cancellationToken) =>
        stores.Catalog.GetInfoAsync(audioPath, cancellationToken);

    /// <summary>The audio as a local file; a download from a remote store is deleted when the lease is disposed.</summary>
    public Task<LocalAudioFile> OpenLocalAsync(string audioPath, CancellationToken cancellationToken) =>
        LocalAudioFile.OpenAsync(stores.Catalog, audioPath, cancellationToken);
}
