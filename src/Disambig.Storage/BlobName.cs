namespace Disambig.Storage;

/// <summary>The one rule for object names that come from catalogs, configuration or users.</summary>
public static class BlobName
{
    /// <summary>Longest name accepted, as Azure blob storage allows.</summary>
    public const int MaxLength = 1024;

    /// <summary>
    /// Accepts relative names made of '/'-separated segments; rejects empty, absolute, <c>.</c> and <c>..</c>
    /// segments, backslashes and control characters, so no name can leave the store's root or prefix.
    /// </summary>
    public static string Validate(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0) throw new InvalidBlobNameException(name, "it is empty");
        if (name.Length > MaxLength) throw new InvalidBlobNameException(name, $"it is longer than {MaxLength} characters");
        if (name.Contains('\\')) throw new InvalidBlobNameException(name, "it contains a backslash");
        if (name.Any(char.IsControl)) throw new InvalidBlobNameException(name, "it contains a control character");
        if (name.StartsWith('/') || Path.IsPathRooted(name)) throw new InvalidBlobNameException(name, "it is an absolute path");
        foreach (var segment in name.Split('/'))
        {
            if (segment.Length == 0) throw new InvalidBlobNameException(name, "it has an empty path segment");
            if (segment is "." or "..") throw new InvalidBlobNameException(name, $"it has a '{segment}' segment");
        }
        return name;
    }

    /// <summary>Validates a prefix used for listing: empty, or a valid name optionally ending with '/'.</summary>
    public static string ValidatePrefix(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        if (prefix.Length == 0) return prefix;
        Validate(prefix.EndsWith('/') ? prefix[..^1] : prefix);
        return prefix;
    }
}
