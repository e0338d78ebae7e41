using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Disambig.Storage;

namespace Disambig.Grains.Tests.Fixtures;

/// <summary>
/// A store that counts the calls made to it, and can make objects look rewritten (a new entity tag) without touching
/// them. One per test cluster (<see cref="For"/>): the cluster's silos run in the test process and share it.
/// </summary>
public sealed class CountingBlobStore(IBlobStore inner) : IBlobStore, ILocalBlobFiles
{
    private static readonly ConcurrentDictionary<string, CountingBlobStore> Stores = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _rewritten = new(StringComparer.Ordinal);
    private int _infos;
    private int _listings;

    /// <summary>The store of the cluster named <paramref name="key"/>, wrapping <paramref name="inner"/> the first time.</summary>
    public static CountingBlobStore For(string key, IBlobStore inner) => Stores.GetOrAdd(key, _ => new CountingBlobStore(inner));

    /// <summary>The store of the cluster named <paramref name="key"/>.</summary>
    public static CountingBlobStore Of(string key) => Stores[key];

    /// <summary>Calls of <see cref="GetInfoAsync"/> (one per object: a HEAD).</summary>
    public int Infos => Volatile.Read(ref _infos);

    /// <summary>Calls of <see cref="ListInfoAsync"/> and <see cref="ListAsync"/>.</summary>
    public int Listings => Volatile.Read(ref _listings);

    public void ResetCounts() => (_infos, _listings) = (0, 0);

    /// <summary>Makes <paramref name="name"/> answer with a new entity tag from now on, as if its audio were replaced.</summary>
    public void Rewrite(string name) => _rewritten.AddOrUpdate(name, 1, (_, n) => n + 1);

    public string Location => inner.Location;

    public async Task<BlobInfo?> GetInfoAsync(string name, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _infos);
        return Tagged(await inner.GetInfoAsync(name, cancellationToken));
    }

    public Task<Stream> OpenReadAsync(string name, CancellationToken cancellationToken) => inner.OpenReadAsync(name, cancellationToken);

    public Task<BlobInfo> WriteAsync(string name, Stream content, CancellationToken cancellationToken) => inner.WriteAsync(name, content, cancellationToken);

    public IAsyncEnumerable<string> ListAsync(string prefix, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _listings);
        return inner.ListAsync(prefix, cancellationToken);
    }

    public async IAsyncEnumerable<BlobInfo> ListInfoAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _listings);
        await foreach (var info in inner.ListInfoAsync(prefix, cancellationToken)) yield return Tagged(info)!;
    }

    public Task<bool> DeleteAsync(string name, CancellationToken cancellationToken) => inner.DeleteAsync(name, cancellationToken);

    public string LocalPathOf(string name) => ((ILocalBlobFiles)inner).LocalPathOf(name);

    private BlobInfo? Tagged(BlobInfo? info) =>
        info is not null && _rewritten.TryGetValue(info.Name, out var times) ? info with { ETag = $"{info.ETag}-rewritten-{times}" } : info;
}
