namespace Disambig.Grains.Names;

/// <summary>What a name remembers of its curators and its entity ids, persisted with the name's state.</summary>
/// <param name="LastEntityId">The highest entity id the name ever gave (ids are never reused).</param>
/// <param name="Review">The review of the latest result; null before the first.</param>
/// <param name="RejectedWith">The name's track ids when its split was rejected; null unless a rejection holds.</param>
/// <param name="Decisions">The audit log: every applied decision, oldest first.</param>
[GenerateSerializer, Immutable, Alias("Disambig.NameCuration")]
public sealed record NameCuration(
    [property: Id(0)] int LastEntityId,
    [property: Id(1)] NameReview? Review,
    [property: Id(2)] IReadOnlyList<string>? RejectedWith,
    [property: Id(3)] IReadOnlyList<CurationDecision> Decisions)
{
    public static readonly NameCuration None = new(0, null, null, []);

    /// <summary>
    /// Share of the name's tracks changed since the rejection: tracks added plus tracks removed, over the tracks it had
    /// then (0 when no rejection holds).
    /// </summary>
    public double ChangedSinceRejection(IReadOnlyList<string> trackIds)
    {
        if (RejectedWith is null) return 0;
        var before = RejectedWith.ToHashSet(StringComparer.Ordinal);
        var now = trackIds.ToHashSet(StringComparer.Ordinal);
        var changed = now.Count(t => !before.Contains(t)) + before.Count(t => !now.Contains(t));
        return (double)changed / Math.Max(1, before.Count);
    }
}
