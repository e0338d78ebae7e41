using Disambig.Storage;

namespace Disambig.Embedding.Checkpoints;

/// <summary>Whole small objects (weights, metadata, optimizer state) read into memory.</summary>
internal static class BlobBytes
{
    /// <summary>The object's bytes, or null when it does not exist.</summary>
    public static async Task<byte[]?> TryReadAsync(IBlobStore store, string name, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = await store.OpenReadAsync(name, cancellationToken);
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy, cancellationToken);
            return copy.ToArray();
        }
        catch (BlobNotFoundException)
        {
            return null;
        }
    }
}
