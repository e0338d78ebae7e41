using System.Runtime.CompilerServices;

namespace Disambig.Storage;

/// <summary>Objects as files under a root folder: the embedded default, needing no server.</summary>
public sealed class LocalFolderBlobStore : IBlobStore, ILocalBlobFiles
{
    private readonly string _root;

    public LocalFolderBlobStore(string root)
    {
        _root = Path.GetFullPath(root);
        Directory.CreateDirectory(_root);
    }

    public string Location => _root;

    public Task<BlobInfo?> GetInfoAsync(string name, CancellationToken cancellationToken)
    {
        var file = new FileInfo(PathOf(name));
        return Task.FromResult(file.Exists ? InfoOf(name, file) : null);
    }

    public Task<Stream> OpenReadAsync(string name, CancellationToken cancellationToken)
    {
        var path = PathOf(name);
        if (!File.Exists(path)) throw new BlobNotFoundException(_root, name);
        Stream stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1 << 16, useAsync: true);
        return Task.FromResult(stream);
    }

    public async Task<BlobInfo> WriteAsync(string name, Stream content, CancellationToken cancellationToken)
    {
        var path = PathOf(name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // Write beside the target and rename over it, so a reader never sees half an object.
        var temporary = $"{path}.{Guid.NewGuid():N}.partial";
        try
        {
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                await content.CopyToAsync(file, cancellationToken);
            }
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
        return InfoOf(name, new FileInfo(path));
    }

    public async IAsyncEnumerable<string> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var (name, _) in FilesAsync(prefix, cancellationToken)) yield return name;
    }

    public async IAsyncEnumerable<BlobInfo> ListInfoAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var (name, file) in FilesAsync(prefix, cancellationToken))
        {
            file.Refresh();
            if (file.Exists) yield return InfoOf(name, file);
        }
    }

    /// <summary>The files under the folder of <paramref name="prefix"/> (not the whole store) whose name starts with it, in ordinal order.</summary>
    private async IAsyncEnumerable<(string Name, FileInfo File)> FilesAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        BlobName.ValidatePrefix(prefix);
        var folder = prefix.LastIndexOf('/') is var slash and >= 0 ? Path.Combine(_root, prefix[..slash]) : _root;
        if (!Directory.Exists(folder)) yield break;
        var files = new DirectoryInfo(folder).EnumerateFiles("*", SearchOption.AllDirectories)
            .Where(file => !file.Name.EndsWith(".partial", StringComparison.Ordinal))
            .Select(file => (Name: Path.GetRelativePath(_root, file.FullName).Replace(Path.DirectorySeparatorChar, '/'), File: file))
            .Where(entry => entry.Name.StartsWith(prefix, StringComparison.Ordinal))
            .OrderBy(entry => entry.Name, StringComparer.Ordinal);
        foreach (var entry in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return entry;
        }
        await Task.CompletedTask;
    }

    public Task<bool> DeleteAsync(string name, CancellationToken cancellationToken)
    {
        var path = PathOf(name);
        if (!File.Exists(path)) return Task.FromResult(false);
        File.Delete(path);
        return Task.FromResult(true);
    }

    public string LocalPathOf(string name) => PathOf(name);

    private string PathOf(string name)
    {
        BlobName.Validate(name);
        var path = Path.GetFullPath(Path.Combine(_root, name));
        if (!path.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new InvalidBlobNameException(name, "it resolves outside the store's folder");
        return path;
    }

    private static BlobInfo InfoOf(string name, FileInfo file)
    {
        var modified = file.LastWriteTimeUtc;
        return new BlobInfo(name, file.Length, $"\"{file.Length:x}-{modified.Ticks:x}\"", new DateTimeOffset(modified, TimeSpan.Zero));
    }
}
