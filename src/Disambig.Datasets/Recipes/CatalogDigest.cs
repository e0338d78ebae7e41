using System.Security.Cryptography;

namespace Disambig.Datasets.Recipes;

/// <summary>Identifies a catalog file's content; part of every recipe's plan digest.</summary>
public static class CatalogDigest
{
    /// <summary>"sha256:" and the lower-case hex SHA-256 of the file's bytes.</summary>
    public static async Task<string> OfFileAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        return "sha256:" + Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
    }
}
