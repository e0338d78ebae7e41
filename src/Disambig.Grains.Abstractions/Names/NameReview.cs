namespace Disambig.Grains;

/// <summary>Where a name stands with its curators.</summary>
[GenerateSerializer, Alias("Disambig.ReviewState")]
public enum ReviewState
{
    /// <summary>Kept whole with confidence: nothing to review.</summary>
    NotNeeded,

    /// <summary>
    /// A proposed split, kept whole but not confidently, or kept whole because its split was unsure
    /// (<see cref="NameResult.UnsureSplit"/>): awaits a curator.
    /// </summary>
    Awaiting,

    /// <summary>A curator accepted the entities (or moved tracks between them): later sweeps keep them.</summary>
    Accepted,

    /// <summary>A curator rejected the split: the name stays whole until its tracks change by more than the configured share.</summary>
    Rejected,
}

/// <summary>A name's review: its state and, once a curator decided, who and when.</summary>
/// <param name="State">Where the name stands.</param>
/// <param name="DecidedBy">The curator of the latest decision (the bearer token's name, or <c>local</c>); null before any.</param>
/// <param name="DecidedAt">When the latest decision was made; null before any.</param>
[GenerateSerializer, Immutable, Alias("Disambig.NameReview")]
public sealed record NameReview(
    [property: Id(0)] ReviewState State,
    [property: Id(1)] string? DecidedBy,
    [property: Id(2)] DateTimeOffset? DecidedAt);

/// <summary>What a curator does to a name's latest result.</summary>
[GenerateSerializer, Alias("Disambig.CurationAction")]
public enum CurationAction
{
    /// <summary>The proposed entities are right (a split, or a name kept whole): later sweeps keep them.</summary>
    Accept,

    /// <summary>The proposed split is wrong: the name is one artist.</summary>
    Reject,

    /// <summary>Moves one track to another entity (or to a new one); the resulting entities count as accepted.</summary>
    MoveTrack,

    /// <summary>
    /// For a name kept whole because its split was unsure (<see cref="NameResult.UnsureSplit"/>): the proposed split is
    /// right; its entities are applied and accepted (later sweeps keep them, as after <see cref="Accept"/>).
    /// </summary>
    AcceptProposedSplit,
}

/// <summary>A curator's decision on one name, as asked.</summary>
/// <param name="Action">Accept, reject or move a track.</param>
/// <param name="Curator">Who decides (the bearer token's configured name, or <c>local</c>).</param>
/// <param name="TrackId">For <see cref="CurationAction.MoveTrack"/>: the track to move.</param>
/// <param name="ToEntity">For <see cref="CurationAction.MoveTrack"/>: the entity id to move it to; null for a new entity.</param>
[GenerateSerializer, Immutable, Alias("Disambig.CurationRequest")]
public sealed record CurationRequest(
    [property: Id(0)] CurationAction Action,
    [property: Id(1)] string Curator,
    [property: Id(2)] string? TrackId = null,
    [property: Id(3)] int? ToEntity = null);

/// <summary>One entry of a name's audit log: a decision that was applied.</summary>
/// <param name="NameKey">The name.</param>
/// <param name="Action">What was done.</param>
/// <param name="Curator">Who did it.</param>
/// <param name="At">When (the silo's clock).</param>
/// <param name="SweepId">The sweep whose result the decision was made on.</param>
/// <param name="TrackId">The moved track, for a move.</param>
/// <param name="FromEntity">The entity the track left, for a move.</param>
/// <param name="ToEntity">The entity the track joined, for a move.</param>
/// <param name="Entities">Entity ids after the decision.</param>
[GenerateSerializer, Immutable, Alias("Disambig.CurationDecision")]
public sealed record CurationDecision(
    [property: Id(0)] string NameKey,
    [property: Id(1)] CurationAction Action,
    [property: Id(2)] string Curator,
    [property: Id(3)] DateTimeOffset At,
    [property: Id(4)] string SweepId,
    [property: Id(5)] string? TrackId,
    [property: Id(6)] int? FromEntity,
    [property: Id(7)] int? ToEntity,
    [property: Id(8)] IReadOnlyList<int> Entities);

/// <summary>Why a decision was refused.</summary>
[GenerateSerializer, Alias("Disambig.CurationRefusal")]
public enum CurationRefusal
{
    /// <summary>The name has no result yet.</summary>
    NoResult,

    /// <summary>The decision does not apply to the result as it stands (e.g. rejecting a name that is not split).</summary>
    NotApplicable,

    /// <summary>The track is not among the name's entities.</summary>
    UnknownTrack,

    /// <summary>The target entity is not among the name's entities.</summary>
    UnknownEntity,

    /// <summary>The request is malformed (no curator, no track to move).</summary>
    Invalid,
}

/// <summary>The answer to a decision: the result after it, or why it was refused.</summary>
/// <param name="Result">The name's result after the decision (unchanged when refused; null when the name has none).</param>
/// <param name="Decision">The audit entry written; null when refused.</param>
/// <param name="Refusal">Why the decision was refused; null when applied.</param>
/// <param name="Message">A sentence naming the name, track or entity and the reason; null when applied.</param>
[GenerateSerializer, Immutable, Alias("Disambig.CurationAnswer")]
public sealed record CurationAnswer(
    [property: Id(0)] NameResult? Result,
    [property: Id(1)] CurationDecision? Decision,
    [property: Id(2)] CurationRefusal? Refusal,
    [property: Id(3)] string? Message);

/// <summary>A track drawn in a name's picture: its coordinates on the first two principal components of the name's vectors.</summary>
/// <param name="Entity">
/// Its entity in the name's whole result, set by the grain whenever it keeps a result (a run, a curator's decision), so
/// a big name's points have theirs though its summary lists only some tracks; null for a track without an entity, and
/// in a picture stored before points carried it (the dashboard then colours it from the result it lists).
/// </param>
[GenerateSerializer, Immutable, Alias("Disambig.PicturePoint")]
public sealed record PicturePoint([property: Id(0)] string TrackId, [property: Id(1)] double X, [property: Id(2)] double Y, [property: Id(40)] int? Entity = null);

/// <summary>One merge of the picture's dendrogram: leaves are 0 … n-1 (the points, in order), merge i makes node n + i.</summary>
[GenerateSerializer, Immutable, Alias("Disambig.PictureMerge")]
public sealed record PictureMerge([property: Id(0)] int Left, [property: Id(1)] int Right, [property: Id(2)] double Height);

/// <summary>A name at a glance: its track vectors in two dimensions and the dendrogram of their Ward clustering.</summary>
/// <param name="Points">The drawn tracks (all usable ones, or a sample), in catalog order.</param>
/// <param name="Merges">Ward merges over <paramref name="Points"/>, lowest first.</param>
/// <param name="Threshold">The model's distance threshold (the dendrogram's cut).</param>
/// <param name="UsableTracks">Usable tracks of the name; more than <paramref name="Points"/> when sampled.</param>
[GenerateSerializer, Immutable, Alias("Disambig.NamePicture")]
public sealed record NamePicture(
    [property: Id(0)] IReadOnlyList<PicturePoint> Points,
    [property: Id(1)] IReadOnlyList<PictureMerge> Merges,
    [property: Id(2)] double Threshold,
    [property: Id(3)] int UsableTracks)
{
    /// <summary>True when the picture shows a sample of the name's tracks, not all of them.</summary>
    public bool Sampled => Points.Count < UsableTracks;
}
