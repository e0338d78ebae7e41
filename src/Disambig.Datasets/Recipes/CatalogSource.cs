using System.Text;
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
        using var reader = new StreamReader(file.Path, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), detectEncodingFromByteOrderMarks: true);
        var tracks = new List<CatalogTrack>();
        await foreach (var track in CatalogJsonLines.ReadAsync(reader, Name, cancellationToken))
        {
            tracks.Add(track);
        }
        return (tracks, await CatalogDigest.OfFileAsync(file.Path, cancellationToken));
    }

    /// <summary>Where a track's audio is, for messages.</summary>
    public string AudioNameOf(CatalogTrack track) => $"{_store.Location.TrimEnd('/')}/{_folder}{track.AudioPath}";

    /// <summary>Size and entity tag of a track's audio (they change when it is rewritten), or null when it is missing.</summary>
    /// <exception cref="UnsafeCatalogPathException">The catalog's path could leave the catalog's folder.</exception>
    public Task<BlobInfo?> GetAudioInfoAsync(CatalogTrack track, CancellationToken cancellationToken)
    {
        RelativeAudioPath.EnsureSafe(track.AudioPath);
        return _store.GetInfoAsync(_folder + track.AudioPath, cancellationToken);
    }

    /// <summary>A track's audio as a local file for the decoder.</summary>
    /// <exception cref="UnsafeCatalogPathException">The catalog's path could leave the catalog's folder.</exception>
    /// <exception cref="BlobNotFoundException">A blob container has no such audio.</exception>
    public Task<LocalBlobFile> OpenAudioAsync(CatalogTrack track, CancellationToken cancellationToken)
    {
        RelativeAudioPath.EnsureSafe(track.AudioPath);
        return LocalBlobFile.OpenAsync(_store, _folder + track.AudioPath, cancellationToken);
    }
}
