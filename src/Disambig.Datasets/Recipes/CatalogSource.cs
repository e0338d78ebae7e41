using Disambig.Audio;
using Disambig.Catalog;
using Disambig.Catalog.Demo;
using Disambig.Storage;

namespace Disambig.Datasets.Recipes;

/// <summary>
/// A catalog to build datasets from: its <c>catalog.jsonl</c> and the audio it names (paths relative to the catalog
/// file's folder), in a local folder or in a blob container. Both are read through <see cref="IBlobStore"/>, so a
/// recipe gives the same dataset from either.
/// </summary>
public sealed class CatalogSource
{
    private readonly IBlobStore _store;
    private readonly string _catalogName;
    private readonly string _folder;

    /// <param name="store">Where the catalog lives.</param>
    /// <param name="catalogName">The catalog file's name in the store.</param>
    /// <exception cref="InvalidBlobNameException">The name could leave the store.</exception>
    public CatalogSource(IBlobStore store, string catalogName)
    {
        _store = store;
        _catalogName = BlobName.Validate(catalogName);
        _folder = catalogName.Contains('/') ? catalogName[..(catalogName.LastIndexOf('/') + 1)] : "";
    }

    /// <summary>The catalog file, or <c>catalog.jsonl</c> in the folder, on this machine.</summary>
    /// <exception cref="FileNotFoundException">Neither exists.</exception>
    public static CatalogSource FromLocal(string catalogFileOrFolder)
    {
        var file = Path.GetFullPath(Directory.Exists(catalogFileOrFolder)
            ? Path.Combine(catalogFileOrFolder, DemoCatalogGenerator.CatalogFileName)
            : catalogFileOrFolder);
        if (!File.Exists(file)) throw new FileNotFoundException($"{file}: no catalog file there.", file);
        return new CatalogSource(new LocalFolderBlobStore(Path.GetDirectoryName(file)!), Path.GetFileName(file));
    }

    /// <summary>
    /// The catalog at <paramref name="name"/> in a blob store: that object when it ends with <c>.jsonl</c>, otherwise
    /// the <c>catalog.jsonl</c> of that folder ("" or "/" for the container's root).
    /// </summary>
    public static CatalogSource FromStore(IBlobStore store, string name)
    {
        var folder = name.Trim('/');
        return new CatalogSource(store, name.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase)
            ? name
            : folder.Length == 0 ? DemoCatalogGenerator.CatalogFileName : $"{folder}/{DemoCatalogGenerator.CatalogFileName}");
    }

    /// <summary>The catalog file, for messages and reports.</summary>
    public string Name => $"{_store.Location.TrimEnd('/')}/{_catalogName}";

    /// <summary>The tracks of the catalog and <see cref="CatalogDigest"/> of its bytes, from one read.</summary>
    /// <exception cref="CatalogFormatException">The catalog is malformed.</exception>
    /// <exception cref="BlobNotFoundException">There is no catalog file.</exception>
    public async Task<(IReadOnlyList<CatalogTrack> Tracks, string Digest)> ReadAsync(CancellationToken cancellationToken)
    {
        await using var file = await LocalBlobFile.OpenAsync(_store, _catalogName, cancellationToken);
        if (!File.Exists(file.Path)) throw new BlobNotFoundException(_store.Location, _catalogName);
        return (await CatalogJsonLines.ReadFileAsync(file.Path, Name, cancellationToken), await CatalogDigest.OfFileAsync(file.Path, cancellationToken));
    }

    /// <summary>Where a track's audio is, for messages.</summary>
    public string AudioNameOf(CatalogTrack track) => $"{_store.Location.TrimEnd('/')}/{AudioBlobNameOf(track)}";

    /// <summary>The name of a track's audio in the catalog's store: its path relative to the catalog file's folder.</summary>
    public string AudioBlobNameOf(CatalogTrack track) => _folder + track.AudioPath;

    /// <summary>Size and entity tag of a track's audio (they change when it is rewritten), or null when it is missing.</summary>
    /// <exception cref="UnsafeCatalogPathException">The catalog's path could leave the catalog's folder.</exception>
    public Task<BlobInfo?> GetAudioInfoAsync(CatalogTrack track, CancellationToken cancellationToken)
    {
        RelativeAudioPath.EnsureSafe(track.AudioPath);
        return _store.GetInfoAsync(AudioBlobNameOf(track), cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="decode"/> on a local file of the track's audio (a blob is downloaded once for the whole
    /// call). Its failures come out as one type naming the audio as the catalog has it: a decode error, renamed from a
    /// temporary download, or a missing blob as <see cref="AudioErrorReason.FileNotFound"/>.
    /// </summary>
    /// <exception cref="AudioDecodeException">The audio yields nothing; the reason says why.</exception>
    /// <exception cref="UnsafeCatalogPathException">The catalog's path could leave the catalog's folder.</exception>
    public async Task<T> DecodeAudioAsync<T>(CatalogTrack track, Func<string, Task<T>> decode, CancellationToken cancellationToken)
    {
        RelativeAudioPath.EnsureSafe(track.AudioPath);
        try
        {
            await using var audio = await LocalBlobFile.OpenAsync(_store, AudioBlobNameOf(track), cancellationToken);
            return await decode(audio.Path);
        }
        catch (AudioDecodeException e)
        {
            throw e.Naming(AudioNameOf(track));
        }
        catch (BlobNotFoundException e)
        {
            throw new AudioDecodeException(AudioNameOf(track), AudioErrorReason.FileNotFound, "no such object in the store", e);
        }
    }

    /// <inheritdoc cref="DecodeAudioAsync{T}"/>
    public Task DecodeAudioAsync(CatalogTrack track, Func<string, Task> decode, CancellationToken cancellationToken) =>
        DecodeAudioAsync(track, async path => { await decode(path); return true; }, cancellationToken);
}
