namespace Disambig.Catalog;

/// <summary>What is wrong with a catalog line.</summary>
public enum CatalogErrorKind
{
    /// <summary>The line is not a JSON object of the expected shape (syntax, or a field of the wrong JSON type).</summary>
    BadJson,

    /// <summary>A required field is absent or null.</summary>
    MissingField,

    /// <summary>A field is present but its value is not acceptable (blank id, blank genre tag).</summary>
    InvalidValue,

    /// <summary>The audio path is not relative and normalised (see <see cref="RelativeAudioPath"/>).</summary>
    UnsafeAudioPath,

    /// <summary>The track id already appeared on an earlier line.</summary>
    DuplicateTrackId,
}

/// <summary>A catalog line that cannot be accepted; names the source, the 1-based line number and the reason.</summary>
public sealed class CatalogFormatException(string source, long lineNumber, CatalogErrorKind kind, string reason, Exception? inner = null)
    : Exception($"{source} line {lineNumber}: {reason}", inner)
{
    /// <summary>The catalog file or stream name.</summary>
    public string CatalogSource { get; } = source;

    /// <summary>1-based line number.</summary>
    public long LineNumber { get; } = lineNumber;

    /// <summary>The class of error.</summary>
    public CatalogErrorKind Kind { get; } = kind;

    /// <summary>The reason in words.</summary>
    public string Reason { get; } = reason;
}
