namespace Disambig.Storage;

/// <summary>
/// An object of a store as a file on this machine, for tools that need a path (ffmpeg): the object's own file in a
/// local store, a temporary download otherwise, deleted on dispose.
/// </summary>
public sealed class LocalBlobFile : IAsyncDisposable
{
    private readonly bool _temporary;

    private LocalBlobFile(string path, bool temporary)
    {
        Path = path;
        _temporary = temporary;
    }

    /// <summary>Absolute path of the file.</summary>
    public string Path { get; }

    /// <summary>The object <paramref name="name"/> of <paramref name="store"/> as a local file.</summary>
    /// <exception cref="BlobNotFoundException">A remote store has no such object (a local store's missing file is the reader's to report).</exception>
    /// <exception cref="InvalidBlobNameException">The name could leave the store.</exception>
    public static async Task<LocalBlobFile> OpenAsync(IBlobStore store, string name, CancellationToken cancellationToken)
    {
        if (store is ILocalBlobFiles local)
            return new LocalBlobFile(local.LocalPathOf(name), temporary: false);

        BlobName.Validate(name);
        // Keep the extension: ffmpeg's probing uses it as a hint.
        var temporary = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"disambig-{Guid.NewGuid():N}{System.IO.Path.GetExtension(name)}");
        try
        {
            await using var source = await store.OpenReadAsync(name, cancellationToken);
            await using var target = File.Create(temporary);
            await source.CopyToAsync(target, cancellationToken);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
        return new LocalBlobFile(temporary, temporary: true);
    }

    public ValueTask DisposeAsync()
    {
        if (_temporary) File.Delete(Path);
        return ValueTask.CompletedTask;
    }
}
