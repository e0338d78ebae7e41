using System.Security.Cryptography;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Disambig.Cli.Pipeline.Upload;

/// <summary>Where an upload is: files handled (copied or skipped) of the total, and bytes copied.</summary>
internal sealed record UploadProgress(int FilesDone, int FilesTotal, int FilesSkipped, long BytesCopied);

/// <summary>What an upload did.</summary>
/// <param name="Copied">Files written.</param>
/// <param name="Skipped">Files already in the container with the same size and MD5.</param>
/// <param name="BytesCopied">Bytes written.</param>
internal sealed record UploadSummary(int Copied, int Skipped, long BytesCopied);

/// <summary>
/// Copies files into a blob container, at most <paramref name="parallelism"/> at once. A blob already there with the
/// same size and MD5 (its Content-MD5 property) is skipped, so an interrupted upload resumes where it stopped; every
/// blob written records its MD5 for the next run to compare.
/// </summary>
internal sealed class BlobFolderUploader(BlobContainerClient container, int parallelism)
{
    /// <exception cref="RequestFailedException">Storage refused a request (credentials, network).</exception>
    public async Task<UploadSummary> UploadAsync(IReadOnlyList<UploadItem> items, IProgress<UploadProgress> progress, CancellationToken cancellationToken)
    {
        if (parallelism is < 1 or > 64) throw new ArgumentOutOfRangeException(nameof(parallelism), parallelism, "The parallelism must be 1 to 64.");
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        int done = 0, skipped = 0;
        long bytes = 0;
        var options = new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(items, options, async (item, token) =>
        {
            var copied = await CopyUnlessPresentAsync(item, token);
            var nowSkipped = copied ? Volatile.Read(ref skipped) : Interlocked.Increment(ref skipped);
            var nowBytes = copied ? Interlocked.Add(ref bytes, item.Length) : Interlocked.Read(ref bytes);
            progress.Report(new UploadProgress(Interlocked.Increment(ref done), items.Count, nowSkipped, nowBytes));
        });
        return new UploadSummary(items.Count - skipped, skipped, bytes);
    }

    /// <returns>True when the file was written, false when an identical blob was already there.</returns>
    private async Task<bool> CopyUnlessPresentAsync(UploadItem item, CancellationToken cancellationToken)
    {
        var md5 = await Md5Async(item.LocalPath, cancellationToken);
        var blob = container.GetBlobClient(item.BlobName);
        try
        {
            var properties = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
            if (properties.ContentLength == item.Length && properties.ContentHash is { } hash && hash.AsSpan().SequenceEqual(md5)) return false;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Not there yet.
        }
        await using var content = File.OpenRead(item.LocalPath);
        await blob.UploadAsync(content, new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentHash = md5 } }, cancellationToken);
        return true;
    }

    private static async Task<byte[]> Md5Async(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        return await MD5.HashDataAsync(stream, cancellationToken);
    }
}
