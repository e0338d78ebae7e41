namespace Disambig.Storage;

/// <summary>
/// Named binary objects under one root: a local folder in the embedded default, an Azure blob container
/// (Azurite in tests) in a cluster. Every name is checked by <see cref="BlobName.Validate"/> first.
/// </summary>
public interface IBlobStore
{
    /// <summary>Where the objects live, for logs and errors; never contains credentials.</summary>
    string Location { get; }

    /// <summary>Size, entity tag and time of the object, or null when it does not exist.</summary>
    Task<BlobInfo?> GetInfoAsync(string name, CancellationToken cancellationToken);

    /// <summary>Opens the object for reading; throws <see cref="BlobNotFoundException"/> when it does not exist.</summary>
    Task<Stream> OpenReadAsync(string name, CancellationToken cancellationToken);

    /// <summary>Writes the whole object, replacing any previous one; readers never see a partial object.</summary>
    Task<BlobInfo> WriteAsync(string name, Stream content, CancellationToken cancellationToken);

    /// <summary>Names (relative to the store) of the objects whose name starts with <paramref name="prefix"/>, in ordinal order.</summary>
    IAsyncEnumerable<string> ListAsync(string prefix, CancellationToken cancellationToken);

    /// <summary>
    /// What <see cref="GetInfoAsync"/> would say of each object whose name starts with <paramref name="prefix"/>, in
    /// ordinal order, from one listing (a page of the container per 5 000 blobs in Azure, one folder walk locally):
    /// the entity tags of many objects for the cost of one call, not one call per object.
    /// </summary>
    IAsyncEnumerable<BlobInfo> ListInfoAsync(string prefix, CancellationToken cancellationToken);

    /// <summary>Deletes the object; false when there was none.</summary>
    Task<bool> DeleteAsync(string name, CancellationToken cancellationToken);
}

/// <summary>What a store knows of one object. <paramref name="ETag"/> changes whenever the content is rewritten.</summary>
public sealed record BlobInfo(string Name, long Length, string ETag, DateTimeOffset LastModified);
