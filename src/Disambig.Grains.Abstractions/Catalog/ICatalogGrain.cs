namespace Disambig.Grains;

/// <summary>One catalog track as ingested: its id, credited name and audio path.</summary>
/// <param name="TrackId">Unique track id.</param>
/// <param name="NameKey">Normalised artist name (the name grain's key).</param>
/// <param name="DisplayName">The credited name as written.</param>
/// <param name="AudioPath">Relative audio path in the catalog store.</param>
/// <param name="Details">Title, album and release year, when the catalog has them.</param>
[GenerateSerializer, Immutable, Alias("Disambig.CatalogEntry")]
public sealed record CatalogEntry(
    [property: Id(0)] string TrackId,
    [property: Id(1)] string NameKey,
    [property: Id(2)] string DisplayName,
    [property: Id(3)] string AudioPath,
    [property: Id(4)] TrackDetails? Details = null);

/// <summary>What an ingestion changed.</summary>
/// <param name="TracksAdded">Tracks new or changed.</param>
/// <param name="TouchedNames">Names that gained or changed tracks, sorted.</param>
[GenerateSerializer, Immutable, Alias("Disambig.IngestSummary")]
public sealed record IngestSummary([property: Id(0)] int TracksAdded, [property: Id(1)] IReadOnlyList<string> TouchedNames);

/// <summary>The set of names of the catalog (key: "default"); each name grain holds its own tracks.</summary>
[Alias("Disambig.ICatalogGrain")]
public interface ICatalogGrain : IGrainWithStringKey
{
    /// <summary>Adds tracks to their names; returns the names touched, for an incremental sweep.</summary>
    [Alias("Ingest"), ResponseTimeout("00:10:00")]
    Task<IngestSummary> Ingest(IReadOnlyList<CatalogEntry> entries);

    /// <summary>Every name key, sorted.</summary>
    [Alias("ListNames")]
    Task<IReadOnlyList<string>> ListNames();
}

/// <summary>Key of the one catalog grain.</summary>
public static class CatalogKeys
{
    public const string Default = "default";
}
