using System.Runtime.CompilerServices;
using Disambig.Storage;

namespace Disambig.Silo.Bench;

/// <summary>
/// The catalog store of a silo running with <see cref="BenchOptions.StubAudio"/>: synthetic audio
/// (<see cref="StubAudioPaths"/>) exists without storage (a fixed size, an ETag from the path, a listing of each
/// release folder computed from its name); every other object is the real <paramref name="inner"/> store's. Synthetic
/// objects have no content: only the stub features "read" them, by path.
/// </summary>
public sealed class StubCatalogStore(IBlobStore inner) : IBlobStore, ILocalBlobFiles
{
    private const long StubLength = 4_000_000;

    /// <summary>Where synthetic objects "are" on disk: a folder that never exists, so nothing can open them by mistake.</summary>
    private static readonly string NowhereRoot = Path.Combine(Path.GetTempPath(), "disambig-bench-no-audio");

    public string Location => $"stub audio over {inner.Location}";

    public Task<BlobInfo?> GetInfoAsync(string name, CancellationToken cancellationToken) =>
        StubAudioPaths.IsStub(name)
            ? Task.FromResult<BlobInfo?>(Info(BlobName.Validate(name)))
            : inner.GetInfoAsync(name, cancellationToken);

    public Task<Stream> OpenReadAsync(string name, CancellationToken cancellationToken) =>
        StubAudioPaths.IsStub(name) ? Task.FromResult<Stream>(new MemoryStream([], writable: false)) : inner.OpenReadAsync(name, cancellationToken);

    public Task<BlobInfo> WriteAsync(string name, Stream content, CancellationToken cancellationToken) =>
        StubAudioPaths.IsStub(name)
            ? throw new InvalidOperationException($"'{name}' is synthetic bench audio: it cannot be written.")
            : inner.WriteAsync(name, content, cancellationToken);

    public async IAsyncEnumerable<string> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (StubAudioPaths.ListFolder(prefix) is { } synthetic)
        {
            foreach (var name in synthetic) yield return name;
            yield break;
        }
        await foreach (var name in inner.ListAsync(prefix, cancellationToken)) yield return name;
    }

    /// <summary>A release folder's synthetic audio with their ETags (one listing per folder, as the fingerprint check asks).</summary>
    public async IAsyncEnumerable<BlobInfo> ListInfoAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (StubAudioPaths.ListFolder(prefix) is { } synthetic)
        {
            foreach (var name in synthetic) yield return Info(name);
            yield break;
        }
        await foreach (var info in inner.ListInfoAsync(prefix, cancellationToken)) yield return info;
    }

    public Task<bool> DeleteAsync(string name, CancellationToken cancellationToken) =>
        StubAudioPaths.IsStub(name) ? Task.FromResult(false) : inner.DeleteAsync(name, cancellationToken);

    /// <summary>
    /// A path ending with the object's name: the inner store's file when it is local, else under a folder that does not
    /// exist (the stub features read only the path).
    /// </summary>
    public string LocalPathOf(string name) =>
        !StubAudioPaths.IsStub(name) && inner is ILocalBlobFiles local ? local.LocalPathOf(name) : Path.Combine(NowhereRoot, BlobName.Validate(name));

    private static BlobInfo Info(string name) =>
        new(name, StubLength, $"\"stub-{(uint)StubAudioPaths.SeedOf(name):x8}\"", DateTimeOffset.UnixEpoch);
}
