using Orleans.Concurrency;

namespace Disambig.Grains;

/// <summary>One side of an alias candidate: an entity of a name, with what a curator needs to judge it.</summary>
/// <param name="EntityId">Stable entity id, <c>{name key}#{entity}</c> (<see cref="AliasEntityIds"/>).</param>
/// <param name="NameKey">Normalised name the entity is credited under.</param>
/// <param name="DisplayName">The name as the catalog writes it.</param>
/// <param name="Entity">The entity's stable number within its name (<see cref="EntityResult.Entity"/>).</param>
/// <param name="TrackCount">Tracks behind its centroid.</param>
/// <param name="Spread">Mean cosine distance of its tracks to its centroid.</param>
/// <param name="Albums">Distinct albums of its tracks, ordinal order.</param>
/// <param name="Years">Distinct known release years, ascending.</param>
[GenerateSerializer, Immutable, Alias("Disambig.AliasCandidateSide")]
public sealed record AliasCandidateSide(
    [property: Id(0)] string EntityId,
    [property: Id(1)] string NameKey,
    [property: Id(2)] string DisplayName,
    [property: Id(3)] int Entity,
    [property: Id(4)] int TrackCount,
    [property: Id(5)] double Spread,
    [property: Id(6)] IReadOnlyList<string> Albums,
    [property: Id(7)] IReadOnlyList<int> Years);

/// <summary>A proposal that two entities credited under different names are one artist.</summary>
/// <param name="Probability">Calibrated probability that they are one artist (capped when <paramref name="LowEvidence"/>).</param>
/// <param name="LowEvidence">Either side has so few tracks (1 or 2 by default) that its centroid is weak evidence.</param>
/// <param name="Distance">Cosine distance (1 - cos) between the two centroids.</param>
/// <param name="NamesShareAnAlbum">Whether the two names were ever credited on one album (a hint they are two artists, or a feature).</param>
/// <param name="Left">The entity with the ordinally smaller id.</param>
/// <param name="Right">The other entity.</param>
[GenerateSerializer, Immutable, Alias("Disambig.AliasCandidate")]
public sealed record AliasCandidate(
    [property: Id(0)] double Probability,
    [property: Id(1)] bool LowEvidence,
    [property: Id(2)] double Distance,
    [property: Id(3)] bool NamesShareAnAlbum,
    [property: Id(4)] AliasCandidateSide Left,
    [property: Id(5)] AliasCandidateSide Right)
{
    /// <summary>The side that is not credited under <paramref name="nameKey"/> (the left one when both are).</summary>
    public AliasCandidateSide OtherThan(string nameKey) => string.Equals(Left.NameKey, nameKey, StringComparison.Ordinal) ? Right : Left;
}

/// <summary>One page of the current alias suggestions, most probable first.</summary>
/// <param name="Items">The page's suggestions.</param>
/// <param name="NextCursor">Cursor of the next page; null after the last.</param>
/// <param name="Total">Suggestions in the current run.</param>
/// <param name="RunId">The run the page belongs to; null before the first run.</param>
[GenerateSerializer, Immutable, Alias("Disambig.AliasPage")]
public sealed record AliasPage(
    [property: Id(0)] IReadOnlyList<AliasCandidate> Items,
    [property: Id(1)] string? NextCursor,
    [property: Id(2)] int Total,
    [property: Id(3)] string? RunId);

/// <summary>What starts an alias run.</summary>
/// <param name="Trigger">What asked for it: a sweep id, or "manual".</param>
/// <param name="Names">Names whose entities changed (after an incremental sweep or an ingestion); null for the whole catalog.</param>
[GenerateSerializer, Immutable, Alias("Disambig.AliasRefresh")]
public sealed record AliasRefresh([property: Id(0)] string Trigger, [property: Id(1)] IReadOnlyList<string>? Names);

/// <summary>Where the alias job stands.</summary>
[GenerateSerializer, Alias("Disambig.AliasJobState")]
public enum AliasJobState
{
    /// <summary>No run has completed since the job's storage was created.</summary>
    NeverRun,

    /// <summary>A run is in progress (more may be queued).</summary>
    Running,

    /// <summary>The latest run completed; its suggestions are current.</summary>
    Idle,

    /// <summary>The latest run failed (see <see cref="AliasJobStatus.Error"/>); the previous suggestions stay.</summary>
    Failed,
}

/// <summary>The alias job's status.</summary>
/// <param name="State">Running, idle, failed, or never run.</param>
/// <param name="RunId">Id of the latest completed run (its blobs are <c>aliases/{run}/</c>); null before the first.</param>
/// <param name="Trigger">What triggered the latest completed run (a sweep id, "manual").</param>
/// <param name="Entities">Entities in the index after the latest run.</param>
/// <param name="Queried">Entities whose neighbourhoods the latest run searched (all of them in a full run).</param>
/// <param name="Suggestions">Suggestions of the latest run.</param>
/// <param name="CompletedAt">When the latest run completed.</param>
/// <param name="Error">Why the latest run failed, when it did.</param>
/// <param name="CompletedTriggers">Triggers of every run completed by this activation or read back, latest last (at most 100).</param>
[GenerateSerializer, Immutable, Alias("Disambig.AliasJobStatus")]
public sealed record AliasJobStatus(
    [property: Id(0)] AliasJobState State,
    [property: Id(1)] string? RunId,
    [property: Id(2)] string? Trigger,
    [property: Id(3)] int Entities,
    [property: Id(4)] int Queried,
    [property: Id(5)] int Suggestions,
    [property: Id(6)] DateTimeOffset? CompletedAt,
    [property: Id(7)] string? Error,
    [property: Id(8)] IReadOnlyList<string> CompletedTriggers)
{
    /// <summary>Whether a run triggered by <paramref name="trigger"/> has completed (successfully or not) and none is running.</summary>
    public bool HasFinished(string trigger) => State != AliasJobState.Running && CompletedTriggers.Contains(trigger, StringComparer.Ordinal);
}

/// <summary>
/// The alias job (key: "default", <see cref="AliasJobs.DefaultKey"/>), placed on worker silos: gathers every entity's
/// place from the name results page by page, indexes the centroids (USearch HNSW, sharded), proposes merges of
/// entities under different names closer than the calibrated alias threshold, and stores the suggestions in the results
/// store as JSON Lines pages (<c>aliases/{run}/{page}.jsonl</c>, manifest <c>aliases/current.json</c>). Runs after a
/// full sweep (all entities) and after an incremental sweep (only the changed names' entities queried again).
/// </summary>
[Alias("Disambig.IAliasJobGrain")]
public interface IAliasJobGrain : IGrainWithStringKey
{
    /// <summary>Starts a run (or queues it behind the running one, merged with any other queued) and returns at once.</summary>
    [Alias("Refresh")]
    Task<AliasJobStatus> Refresh(AliasRefresh request);

    /// <summary>Where the job stands.</summary>
    [Alias("GetStatus"), AlwaysInterleave]
    Task<AliasJobStatus> GetStatus();

    /// <summary>Up to <paramref name="limit"/> suggestions after <paramref name="cursor"/> (null: from the first), most probable first.</summary>
    /// <param name="cursor">A page's <see cref="AliasPage.NextCursor"/>, or null.</param>
    /// <param name="limit">1 to <see cref="AliasJobs.MaxPageSize"/>.</param>
    /// <exception cref="ArgumentException">The cursor is not one this job gave, or the limit is out of range.</exception>
    [Alias("List")]
    Task<AliasPage> List(string? cursor, int limit);

    /// <summary>The current suggestions with an entity of <paramref name="nameKey"/> on either side, most probable first.</summary>
    [Alias("ForName")]
    Task<IReadOnlyList<AliasCandidate>> ForName(string nameKey);
}

/// <summary>Keys and bounds of the alias job.</summary>
public static class AliasJobs
{
    /// <summary>Key of the one alias job grain.</summary>
    public const string DefaultKey = "default";

    /// <summary>Most suggestions in one <see cref="IAliasJobGrain.List"/> page.</summary>
    public const int MaxPageSize = 1_000;

    /// <summary>
    /// Tells the alias job that a sweep completed (the one call site in the sweep: a clearly separated hook).
    /// <paramref name="names"/> null means the whole catalog was swept.
    /// </summary>
    public static Task<AliasJobStatus> SweepCompleted(this IGrainFactory grains, string sweepId, IReadOnlyList<string>? names) =>
        grains.GetGrain<IAliasJobGrain>(DefaultKey).Refresh(new AliasRefresh(sweepId, names));
}

/// <summary>Stable entity ids across names: <c>{name key}#{entity}</c>, where the entity number is the curators' stable id.</summary>
public static class AliasEntityIds
{
    /// <summary>The id of entity <paramref name="entity"/> of <paramref name="nameKey"/>.</summary>
    public static string Of(string nameKey, int entity) => $"{nameKey}#{entity}";

    /// <summary>Reads an id made by <see cref="Of"/> (the name key may itself hold '#').</summary>
    /// <exception cref="ArgumentException">The text is not such an id.</exception>
    public static (string NameKey, int Entity) Parse(string entityId)
    {
        var hash = entityId.LastIndexOf('#');
        if (hash <= 0 || !int.TryParse(entityId.AsSpan(hash + 1), out var entity) || entity < 1)
            throw new ArgumentException($"'{entityId}' is not an entity id ({{name}}#{{entity}}).", nameof(entityId));
        return (entityId[..hash], entity);
    }
}
