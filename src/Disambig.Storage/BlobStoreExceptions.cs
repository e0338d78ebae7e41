namespace Disambig.Storage;

/// <summary>A blob or file name that could reach outside its store (absolute, <c>..</c>, backslashes, control characters).</summary>
public sealed class InvalidBlobNameException(string name, string reason)
    : ArgumentException($"Invalid object name '{name}': {reason}.")
{
    public string BlobName { get; } = name;

    public string Reason { get; } = reason;
}

/// <summary>The named object does not exist in the store.</summary>
public sealed class BlobNotFoundException(string location, string name)
    : FileNotFoundException($"No object '{name}' in {location}.")
{
    public string BlobName { get; } = name;
}
