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

/// <summary>What an ingestion (of one batch) changed.</summary>
/// <param name="TracksAdded">Tracks new or changed.</param>
/// <param name="TouchedNames">Names that gained or changed tracks, sorted (at most one per track of the batch).</param>
[GenerateSerializer, Immutable, Alias("Disambig.IngestSummary")]
public sealed record IngestSummary([property: Id(0)] int TracksAdded, [property: Id(1)] IReadOnlyList<string> TouchedNames)
{
    public static IngestSummary None { get; } = new(0, []);

    /// <summary>
    /// Names of the batch whose tracks did not change now but still await a sweep since they last did (an ingestion
    /// that failed before its sweep started, <c>--no-sweep</c>), sorted; none of <see cref="TouchedNames"/>. A rerun of an
    /// interrupted ingestion finds the names it had already added here, so its sweep still covers them.
    /// </summary>
    [Id(100)] public IReadOnlyList<string> AwaitingNames { get; init; } = [];

    /// <summary><see cref="TouchedNames"/> and <see cref="AwaitingNames"/>: the names a sweep after this ingestion covers.</summary>
    public IEnumerable<string> NamesToSweep => TouchedNames.Concat(AwaitingNames);
}

/// <summary>One page of the catalog's name keys.</summary>
/// <param name="Names">Name keys of the page: partition by partition, sorted within a partition.</param>
/// <param name="NextCursor">Opaque cursor of the next page; null after the last page.</param>
[GenerateSerializer, Immutable, Alias("Disambig.NamePage")]
public sealed record NamePage([property: Id(0)] IReadOnlyList<string> Names, [property: Id(1)] string? NextCursor);

/// <summary>
/// The catalog (key: "default"): routes ingested tracks to its partitions and pages through their names. Its only
/// state is the partition count, fixed at its first ingestion; each name grain holds its own tracks.
/// </summary>
[Alias("Disambig.ICatalogGrain")]
public interface ICatalogGrain : IGrainWithStringKey
{
    /// <summary>
    /// Adds one batch of at most <see cref="CatalogLimits.MaxBatchTracks"/> tracks to their names; returns the names
    /// touched, for an incremental sweep. Send a catalog as a stream of batches.
    /// </summary>
    /// <exception cref="ArgumentException">The batch is larger than <see cref="CatalogLimits.MaxBatchTracks"/>.</exception>
    [Alias("Ingest"), ResponseTimeout("00:10:00")]
    Task<IngestSummary> Ingest(IReadOnlyList<CatalogEntry> entries);

    /// <summary>
    /// Up to <paramref name="limit"/> name keys after <paramref name="cursor"/> (null: from the start). Every name
    /// appears exactly once over the pages of one walk while nothing is ingested.
    /// </summary>
    /// <param name="cursor">The previous page's <see cref="NamePage.NextCursor"/>, or null for the first page.</param>
    /// <param name="limit">Names per page: 1 to <see cref="CatalogLimits.MaxPageNames"/>.</param>
    [Alias("ListNames")]
    Task<NamePage> ListNames(string? cursor, int limit);

    /// <summary>The number of partitions the names are spread over.</summary>
    [Alias("GetPartitionCount")]
    Task<int> GetPartitionCount();
}

/// <summary>
/// One partition of the catalog (key: "{catalog}/{index}"): the sorted name keys that hash to it. Ingests its share of a
/// batch into the name grains with bounded concurrency.
/// </summary>
[Alias("Disambig.ICatalogPartitionGrain")]
public interface ICatalogPartitionGrain : IGrainWithStringKey
{
    /// <summary>Adds tracks whose names belong to this partition; returns what changed.</summary>
    [Alias("Ingest"), ResponseTimeout("00:10:00")]
    Task<IngestSummary> Ingest(IReadOnlyList<CatalogEntry> entries);

    /// <summary>Up to <paramref name="limit"/> name keys sorted after <paramref name="after"/> (null: from the first).</summary>
    [Alias("ListNames")]
    Task<IReadOnlyList<string>> ListNames(string? after, int limit);

    /// <summary>How many names the partition holds.</summary>
    [Alias("CountNames")]
    Task<int> CountNames();
}

/// <summary>Key of the one catalog grain.</summary>
public static class CatalogKeys
{
    public const string Default = "default";

    /// <summary>The key of partition <paramref name="index"/> of <paramref name="catalog"/>.</summary>
    public static string Partition(string catalog, int index) => $"{catalog}/{index}";
}

/// <summary>Bounds of the catalog's messages.</summary>
public static class CatalogLimits
{
    /// <summary>Most tracks in one <see cref="ICatalogGrain.Ingest"/> call.</summary>
    public const int MaxBatchTracks = 5_000;

    /// <summary>Most names in one page of <see cref="ICatalogGrain.ListNames"/>.</summary>
    public const int MaxPageNames = 10_000;
}
