namespace Disambig.Datasets;

/// <summary>A prepared dataset that is missing, incomplete, corrupt, or of another format; the message names it.</summary>
public sealed class DatasetFormatException(string location, string reason)
    : Exception($"Dataset at {location}: {reason}.")
{
    public string Location { get; } = location;
}
