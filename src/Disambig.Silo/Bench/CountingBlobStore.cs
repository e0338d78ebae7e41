using Disambig.Storage;

namespace Disambig.Silo.Bench;

/// <summary>
/// A store that tells <see cref="BenchSizes"/> each operation asked of it, by blob kind (<see cref="BenchBlobKinds"/>)
/// and verb (<c>info</c>, <c>read</c>, <c>write</c>, <c>list</c>, <c>delete</c>), then asks the real store. One
/// operation of the interface may be more than one storage request (see the <c>http</c> counts of
/// <see cref="StorageRequestCounter"/>).
/// </summary>
internal class CountingBlobStore(IBlobStore inner, string store, BenchSizes sizes) : IBlobStore
{
    /// <summary>The counting store over <paramref name="inner"/>, local files included when <paramref name="inner"/> has them.</summary>
    public static IBlobStore Over(IBlobStore inner, string store, BenchSizes sizes) =>
        inner is ILocalBlobFiles ? new CountingLocalBlobStore(inner, store, sizes) : new CountingBlobStore(inner, store, sizes);

    protected IBlobStore Inner => inner;

    public string Location => inner.Location;

    public Task<BlobInfo?> GetInfoAsync(string name, CancellationToken cancellationToken)
    {
        Count(name, "info");
        return inner.GetInfoAsync(name, cancellationToken);
    }

    public Task<Stream> OpenReadAsync(string name, CancellationToken cancellationToken)
    {
        Count(name, "read");
        return inner.OpenReadAsync(name, cancellationToken);
    }

    public Task<BlobInfo> WriteAsync(string name, Stream content, CancellationToken cancellationToken)
    {
        Count(name, "write");
        return inner.WriteAsync(name, content, cancellationToken);
    }

    public IAsyncEnumerable<string> ListAsync(string prefix, CancellationToken cancellationToken)
    {
        Count(prefix, "list");
        return inner.ListAsync(prefix, cancellationToken);
    }

    public IAsyncEnumerable<BlobInfo> ListInfoAsync(string prefix, CancellationToken cancellationToken)
    {
        Count(prefix, "list");
        return inner.ListInfoAsync(prefix, cancellationToken);
    }

    public Task<bool> DeleteAsync(string name, CancellationToken cancellationToken)
    {
        Count(name, "delete");
        return inner.DeleteAsync(name, cancellationToken);
    }

    private void Count(string name, string verb) => sizes.Operation($"blob {BenchBlobKinds.Of(store, name)}: {verb}");

    private sealed class CountingLocalBlobStore(IBlobStore inner, string store, BenchSizes sizes)
        : CountingBlobStore(inner, store, sizes), ILocalBlobFiles
    {
        public string LocalPathOf(string name) => ((ILocalBlobFiles)Inner).LocalPathOf(name);
    }
}

/// <summary>The kind of a pipeline blob, from its store and name, for the benchmark's operation counts.</summary>
public static class BenchBlobKinds
{
    /// <summary>
    /// <c>name result</c> (<c>names/{key}.json</c>), <c>name track page</c> (<c>names/{key}/tracks/...</c>),
    /// <c>sweep chunk</c> and <c>sweep plan</c> (<c>sweeps/{id}/p{NNN}/chunk-</c> or <c>plan-</c>), <c>sweep report</c>
    /// (<c>sweeps/{id}.json</c>), <c>aliases</c>; <c>{store} other</c> for any other object of the results store, and the
    /// store's name for the catalog, datasets and models.
    /// </summary>
    public static string Of(string store, string name)
    {
        if (store != "results") return store;
        var parts = name.Split('/');
        return parts switch
        {
            ["names", _] => "name result",
            ["names", _, "tracks", ..] => "name track page",
            ["sweeps", _, _, var file] when file.StartsWith("chunk-", StringComparison.Ordinal) => "sweep chunk",
            ["sweeps", _, _, var file] when file.StartsWith("plan-", StringComparison.Ordinal) => "sweep plan",
            ["sweeps", _] => "sweep report",
            ["aliases", ..] => "aliases",
            _ => "results other",
        };
    }
}
