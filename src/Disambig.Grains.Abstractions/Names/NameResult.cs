namespace Disambig.Grains;

/// <summary>What was decided for a name.</summary>
[GenerateSerializer, Alias("Disambig.NameDecision")]
public enum NameDecision
{
    /// <summary>Two or more entities: the name hides several artists.</summary>
    Split,

    /// <summary>One entity: all usable tracks belong to one artist (or only one track was usable).</summary>
    KeptWhole,

    /// <summary>No track of the name yielded a vector; see the failures.</summary>
    NoUsableTracks,

    /// <summary>
    /// Only in a sweep's outcome: the name's run failed on every attempt (see <see cref="NameOutcome.FailureReason"/>);
    /// its previous result, if any, stays.
    /// </summary>
    NameFailed,

    /// <summary>
    /// Only in a sweep's outcome: the name's model, tracks and audio entity tags equal those that produced its result
    /// (its fingerprint), so nothing was embedded or clustered; its result stays as it was.
    /// </summary>
    Unchanged,
}

/// <summary>One proposed artist entity behind a name.</summary>
/// <param name="Entity">
/// The entity's stable id within the name (1-based, never reused): a later sweep's entity that shares most tracks with an
/// earlier one keeps its id (see <c>docs/architecture.md</c>, stable entity ids).
/// </param>
/// <param name="TrackIds">Its tracks, in catalog order.</param>
/// <param name="Confidence">
/// In [0, 1]: how far, relative to the threshold, the threshold could move before this entity gains or loses tracks.
/// </param>
[GenerateSerializer, Immutable, Alias("Disambig.EntityResult")]
public sealed record EntityResult(
    [property: Id(0)] int Entity,
    [property: Id(1)] IReadOnlyList<string> TrackIds,
    [property: Id(2)] double Confidence)
{
    /// <summary>
    /// Where the entity sits in the embedding space, computed from its tracks' vectors when the name was clustered; null
    /// in results written before places existed, and for an entity whose tracks a curator changed since (rejected split,
    /// moved track) until the name's next run.
    /// </summary>
    [Id(3)] public EntityPlacement? Place { get; init; }

    /// <summary>
    /// In a paged result (<see cref="NameResult.Paged"/>): how many tracks the entity has, of which <see cref="TrackIds"/>
    /// lists only the first; null in a whole result, where <see cref="TrackIds"/> lists them all.
    /// </summary>
    [Id(50)] public int? TrackCount { get; init; }

    /// <summary>The entity's number of tracks, listed or not.</summary>
    public int Tracks => TrackCount ?? TrackIds.Count;
}

/// <summary>Where an entity sits in the embedding space (issue 17: the basis of alias search).</summary>
/// <param name="Centroid">[d] unit-length mean direction of the entity's unit track vectors.</param>
/// <param name="Spread">Mean cosine distance (1 - cos) of its unit track vectors to the centroid, in [0, 2].</param>
/// <param name="TrackCount">Number of track vectors the centroid was computed from.</param>
[GenerateSerializer, Immutable, Alias("Disambig.EntityPlacement")]
public sealed record EntityPlacement(
    [property: Id(0)] IReadOnlyList<float> Centroid,
    [property: Id(1)] double Spread,
    [property: Id(2)] int TrackCount);

/// <summary>The disambiguation of one artist name, as persisted and written under <c>results/</c>.</summary>
/// <param name="NameKey">The normalised name (the grain key).</param>
/// <param name="DisplayName">The name as the catalog first wrote it.</param>
/// <param name="SweepId">The sweep that produced it.</param>
/// <param name="Model">The model version and threshold every vector and the clustering used.</param>
/// <param name="Decision">Split, kept whole, or no usable tracks.</param>
/// <param name="SplitConfidence">In [0, 1]: how clear-cut the number of entities is (1 when fewer than two usable tracks).</param>
/// <param name="Entities">The entities with their tracks; empty when no track was usable.</param>
/// <param name="Failures">Tracks that yielded no vector, with reasons.</param>
/// <param name="CompletedAt">When the clustering finished.</param>
[GenerateSerializer, Immutable, Alias("Disambig.NameResult")]
public sealed record NameResult(
    [property: Id(0)] string NameKey,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] string SweepId,
    [property: Id(3)] ModelRef Model,
    [property: Id(4)] NameDecision Decision,
    [property: Id(5)] double SplitConfidence,
    [property: Id(6)] IReadOnlyList<EntityResult> Entities,
    [property: Id(7)] IReadOnlyList<TrackFailure> Failures,
    [property: Id(8)] DateTimeOffset CompletedAt)
{
    /// <summary>Where the name stands with its curators; null in results written before reviews existed.</summary>
    [Id(9)] public NameReview? Review { get; init; }

    /// <summary>
    /// True for the result of a big name as a grain keeps and returns it: its entities and failures list only their first
    /// tracks (<see cref="EntityResult.TrackCount"/>, <see cref="FailureCount"/>), so it stays within one message; every
    /// track's entity is read page by page with <see cref="IArtistNameGrain.GetAssignments"/>
    /// (<see cref="NameResultPages.ReadWholeResultAsync"/>), and the results store holds the whole result.
    /// </summary>
    [Id(50)] public bool Paged { get; init; }

    /// <summary>In a paged result: how many tracks failed, of which <see cref="Failures"/> lists only the first; null otherwise.</summary>
    [Id(51)] public int? FailureCount { get; init; }

    /// <summary>
    /// The calibrated probability that the clustering's split is right (issue 15), when the cut split the name and its
    /// model carries a split calibration (<see cref="ModelRef.SplitProbability"/>); null otherwise, and once a curator decided.
    /// </summary>
    [Id(60)] public double? SplitProbability { get; init; }

    /// <summary>
    /// For a name kept whole because its split was less probable than the model's least (<see cref="UnsureSplit"/>): the
    /// entities the split would have made, numbered 1 … k in catalog order (a curator who accepts the split gives them
    /// stable ids, <see cref="CurationAction.AcceptProposedSplit"/>); null otherwise. In a paged result its entities list
    /// only their first tracks, as <see cref="Entities"/> do.
    /// </summary>
    [Id(61)] public IReadOnlyList<EntityResult>? ProposedSplit { get; init; }

    /// <summary>True when the name was kept whole and flagged for review because its split was not confident enough.</summary>
    public bool UnsureSplit => ProposedSplit is { Count: > 1 };

    /// <summary>The review state, <see cref="ReviewState.NotNeeded"/> when none was recorded.</summary>
    public ReviewState ReviewState => Review?.State ?? ReviewState.NotNeeded;

    /// <summary>The entity of a track, or null when the track failed or is not of this name.</summary>
    public int? EntityOf(string trackId) =>
        Entities.FirstOrDefault(entity => entity.TrackIds.Contains(trackId, StringComparer.Ordinal))?.Entity;

    /// <summary>
    /// <see cref="EntityOf"/> for many tracks in one pass over the entities: each of <paramref name="trackIds"/> that an
    /// entity lists, with the first entity listing it (a <see cref="Paged"/> summary lists only some tracks).
    /// </summary>
    public Dictionary<string, int> EntitiesOf(IReadOnlySet<string> trackIds)
    {
        var found = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var entity in Entities)
        {
            foreach (var track in entity.TrackIds)
                if (trackIds.Contains(track)) found.TryAdd(track, entity.Entity);
        }
        return found;
    }
}
