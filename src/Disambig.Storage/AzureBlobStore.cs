using System.Runtime.CompilerServices;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Disambig.Storage;

/// <summary>Objects as blobs of one container, optionally under a name prefix (Azure or Azurite).</summary>
public sealed class AzureBlobStore : IBlobStore
{
    private readonly BlobContainerClient _container;
    private readonly string _prefix;
    private int _containerReady;

    /// <param name="container">The container; created on first write when missing.</param>
    /// <param name="prefix">Names are stored under this prefix ("" or ending with '/').</param>
    public AzureBlobStore(BlobContainerClient container, string prefix = "")
    {
        _container = container;
        _prefix = BlobName.ValidatePrefix(prefix);
        if (_prefix.Length > 0 && !_prefix.EndsWith('/'))
            throw new InvalidBlobNameException(prefix, "a store prefix must end with '/'");
    }

    /// <summary>The container <paramref name="container"/> of the account a connection string names.</summary>
    /// <exception cref="FormatException">The connection string is malformed.</exception>
    public static AzureBlobStore Connect(string connectionString, string container, string prefix = "") =>
        new(new BlobServiceClient(connectionString).GetBlobContainerClient(container), prefix);

    /// <summary>Account, container and prefix: no key or signature ever appears here.</summary>
    public string Location => $"{_container.AccountName}/{_container.Name}/{_prefix}";

    public async Task<BlobInfo?> GetInfoAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            var properties = await Blob(name).GetPropertiesAsync(cancellationToken: cancellationToken);
            return new BlobInfo(name, properties.Value.ContentLength, Quoted(properties.Value.ETag), properties.Value.LastModified);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    /// <summary>
    /// One request: the download's own answer streams the content (read front to back; a broken connection is resumed
    /// by the client at the same entity tag) and says whether the object exists, with no properties asked first.
    /// </summary>
    public async Task<Stream> OpenReadAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            var download = await Blob(name).DownloadStreamingAsync(cancellationToken: cancellationToken);
            return download.Value.Content;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            throw new BlobNotFoundException(Location, name);
        }
    }

    /// <summary>
    /// One request for a small object (the upload's answer gives the entity tag and time; the length is what was sent);
    /// a stream that cannot say its length is counted as it is sent.
    /// </summary>
    public async Task<BlobInfo> WriteAsync(string name, Stream content, CancellationToken cancellationToken)
    {
        var blob = Blob(name);
        await EnsureContainerAsync(cancellationToken);
        var counted = content.CanSeek ? null : new CountingReadStream(content);
        var start = content.CanSeek ? content.Position : 0;
        // A block blob upload commits all blocks at once, so readers see the old or the new object only.
        var uploaded = await blob.UploadAsync(counted ?? content, overwrite: true, cancellationToken);
        var length = counted?.BytesRead ?? content.Length - start;
        return new BlobInfo(name, length, Quoted(uploaded.Value.ETag), uploaded.Value.LastModified);
    }

    public async IAsyncEnumerable<string> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var item in ItemsAsync(prefix, cancellationToken)) yield return item.Name[_prefix.Length..];
    }

    public async IAsyncEnumerable<BlobInfo> ListInfoAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var item in ItemsAsync(prefix, cancellationToken))
        {
            var properties = item.Properties;
            yield return new BlobInfo(item.Name[_prefix.Length..], properties.ContentLength ?? 0, properties.ETag is { } etag ? Quoted(etag) : "",
                properties.LastModified ?? DateTimeOffset.MinValue);
        }
    }

    private async IAsyncEnumerable<BlobItem> ItemsAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        BlobName.ValidatePrefix(prefix);
        // One request per page of blobs; a missing container lists nothing (asked by the listing's own 404, not a call of its own).
        await using var items = _container.GetBlobsAsync(new GetBlobsOptions { Prefix = _prefix + prefix }, cancellationToken).GetAsyncEnumerator(cancellationToken);
        while (await NextAsync(items)) yield return items.Current;
    }

    private static async Task<bool> NextAsync(IAsyncEnumerator<BlobItem> items)
    {
        try
        {
            return await items.MoveNextAsync();
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return false;
        }
    }

    public async Task<bool> DeleteAsync(string name, CancellationToken cancellationToken)
    {
        var response = await Blob(name).DeleteIfExistsAsync(cancellationToken: cancellationToken);
        return response.Value;
    }

    /// <summary>
    /// One form for an entity tag however it came: a response header quotes it, a listing's XML does not, and the two
    /// must compare equal (a name's fingerprint compares listed tags with the tags its tracks got one by one).
    /// </summary>
    private static string Quoted(ETag etag)
    {
        var value = etag.ToString();
        return value.StartsWith('"') || value.StartsWith("W/\"", StringComparison.Ordinal) ? value : $"\"{value}\"";
    }

    private BlobClient Blob(string name) => _container.GetBlobClient(_prefix + BlobName.Validate(name));

    private async Task EnsureContainerAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _containerReady) == 1) return;
        await _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        Volatile.Write(ref _containerReady, 1);
    }
}
