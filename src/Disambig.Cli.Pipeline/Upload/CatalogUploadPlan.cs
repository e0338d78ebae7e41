using Disambig.Catalog;
using Disambig.Catalog.Demo;
using Disambig.Storage;

namespace Disambig.Cli.Pipeline.Upload;

/// <summary>One local file to copy and the blob it becomes.</summary>
/// <param name="LocalPath">Full path of the file.</param>
/// <param name="BlobName">Name in the container (prefix and catalog-relative path).</param>
/// <param name="Length">Size in bytes.</param>
internal sealed record UploadItem(string LocalPath, string BlobName, long Length);

/// <summary>What a catalog folder's upload copies: the catalog file and every audio file it names that exists locally.</summary>
/// <param name="Items">The catalog file first, then each distinct audio file.</param>
/// <param name="Missing">Audio paths the catalog names that are not in the folder (their tracks will fail as FileNotFound).</param>
/// <param name="Tracks">Tracks in the catalog file.</param>
internal sealed record CatalogUploadPlan(IReadOnlyList<UploadItem> Items, IReadOnlyList<string> Missing, int Tracks)
{
    public long TotalBytes => Items.Sum(item => item.Length);

    /// <summary>
    /// Reads the catalog file (a folder's <c>catalog.jsonl</c>, or the named JSON Lines file) by the catalog reader's
    /// rules, so an unsafe audio path stops the upload before anything is copied, and plans each file under
    /// <paramref name="prefix"/>.
    /// </summary>
    /// <exception cref="CatalogFormatException">A line of the catalog is invalid or names an unsafe audio path.</exception>
    /// <exception cref="InvalidBlobNameException">The prefix, or a path under it, is no valid blob name.</exception>
    /// <exception cref="FileNotFoundException">There is no such folder or catalog file.</exception>
    public static async Task<CatalogUploadPlan> BuildAsync(string source, string prefix, CancellationToken cancellationToken)
    {
        var catalogFile = Directory.Exists(source) ? Path.Combine(source, DemoCatalogGenerator.CatalogFileName) : source;
        if (!File.Exists(catalogFile))
            throw new FileNotFoundException($"{catalogFile}: no catalog file (a catalog folder holds {DemoCatalogGenerator.CatalogFileName}).", catalogFile);
        catalogFile = Path.GetFullPath(catalogFile);
        var root = Path.GetDirectoryName(catalogFile)!;
        var blobPrefix = NormalisePrefix(prefix);
        var tracks = await CatalogJsonLines.ReadFileAsync(catalogFile, cancellationToken);
        var items = new List<UploadItem> { Item(catalogFile, blobPrefix + Path.GetFileName(catalogFile)) };
        var missing = new List<string>();
        foreach (var audioPath in tracks.Select(track => track.AudioPath).Distinct(StringComparer.Ordinal))
        {
            RelativeAudioPath.EnsureSafe(audioPath);
            var local = Path.Combine(root, audioPath);
            if (File.Exists(local)) items.Add(Item(local, blobPrefix + audioPath));
            else missing.Add(audioPath);
        }
        return new CatalogUploadPlan(items, missing, tracks.Count);
    }

    /// <summary>"" or a valid folder name ending with '/'.</summary>
    private static string NormalisePrefix(string prefix)
    {
        var trimmed = prefix.Trim('/');
        return trimmed.Length == 0 ? "" : BlobName.Validate(trimmed) + "/";
    }

    private static UploadItem Item(string path, string blobName) => new(path, BlobName.Validate(blobName), new FileInfo(path).Length);
}
