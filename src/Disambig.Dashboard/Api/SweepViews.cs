using Disambig.Dashboard.Security;
using Disambig.Grains;

namespace Disambig.Dashboard.Api;

/// <summary>A model version and the clustering threshold it uses.</summary>
public sealed record ModelView(string Version, double Threshold)
{
    public static ModelView? From(ModelRef? model) => model is null ? null : new(model.Version, model.Threshold);
}

/// <summary>One sweep's live counts as <c>/api/sweeps</c> lists them.</summary>
/// <param name="Percent">Names finished (done or failed) over names planned, 0 to 100; 100 once completed.</param>
/// <param name="NamesPerSecond">Names finished per second since the start.</param>
/// <param name="TracksPerSecond">Tracks embedded, cached or failed per second since the start.</param>
/// <param name="EtaSeconds">Seconds left at the rate so far; null before the first name finishes or once completed.</param>
public sealed record SweepSummary(
    string Id,
    string State,
    ModelView? Model,
    int NamesTotal,
    int NamesDone,
    int NamesFailed,
    int NamesInFlight,
    int TracksEmbedded,
    int TracksCached,
    int TracksFailed,
    double Percent,
    double NamesPerSecond,
    double TracksPerSecond,
    double? EtaSeconds,
    DateTimeOffset StartedAt,
    DateTimeOffset UpdatedAt)
{
    public static SweepSummary From(SweepProgress p)
    {
        var seconds = (p.UpdatedAt - p.StartedAt).TotalSeconds;
        var tracks = p.TracksEmbedded + p.TracksCached + p.TracksFailed;
        var percent = p.IsFinished ? 100 : p.NamesTotal == 0 ? 0 : 100.0 * p.NamesFinished / p.NamesTotal;
        return new SweepSummary(p.SweepId, p.State.ToString(), ModelView.From(p.Model), p.NamesTotal, p.NamesDone, p.NamesFailed,
            p.NamesInFlight, p.TracksEmbedded, p.TracksCached, p.TracksFailed, percent, p.NamesPerSecond,
            seconds > 0 ? tracks / seconds : 0, p.IsFinished ? null : p.EstimatedTimeLeft?.TotalSeconds, p.StartedAt, p.UpdatedAt);
    }
}

/// <summary>A track without a vector, its reason, and the message naming its file (secrets masked).</summary>
public sealed record FailureView(string NameKey, string TrackId, string AudioPath, string Reason, string Message)
{
    public static FailureView From(string nameKey, TrackFailure failure) =>
        new(nameKey, failure.TrackId, failure.AudioPath, failure.Reason.ToString(), SecretRedaction.Redact(failure.Message));
}

/// <summary>A completed name within a sweep.</summary>
public sealed record NameOutcomeView(string NameKey, string Decision, int Entities, int TracksEmbedded, int TracksCached, int TracksFailed)
{
    public static NameOutcomeView From(NameOutcome o) =>
        new(o.NameKey, o.Decision.ToString(), o.EntityCount, o.TracksEmbedded, o.TracksCached, o.TracksFailed);
}

/// <summary>
/// One sweep as <c>/api/sweeps/{id}</c> shows it: its counts only, constant in size whatever the number of names
/// (the outcomes are paged by <c>/api/sweeps/{id}/outcomes</c>).
/// </summary>
/// <param name="NamesByDecision">Names finished per decision, most frequent first.</param>
/// <param name="FailuresByReason">Failed tracks per <see cref="TrackFailureReason"/>, most frequent first.</param>
public sealed record SweepDetail(
    SweepSummary Sweep,
    IReadOnlyDictionary<string, int> NamesByDecision,
    IReadOnlyDictionary<string, int> FailuresByReason)
{
    public static SweepDetail From(SweepProgress progress) =>
        new(SweepSummary.From(progress), ByCount(progress.NamesByDecision), ByCount(progress.TracksFailedByReason));

    private static IReadOnlyDictionary<string, int> ByCount<TKey>(IReadOnlyDictionary<TKey, int> counts) where TKey : struct, Enum =>
        counts.Where(pair => pair.Value > 0).OrderByDescending(pair => pair.Value).ThenBy(pair => pair.Key.ToString(), StringComparer.Ordinal)
            .ToDictionary(pair => pair.Key.ToString(), pair => pair.Value);
}

/// <summary>
/// One page of a sweep's outcomes as <c>/api/sweeps/{id}/outcomes</c> gives it: the names of the page, their failed
/// tracks, and the cursor of the next page (null after the last outcome recorded so far).
/// </summary>
public sealed record OutcomePageView(IReadOnlyList<NameOutcomeView> Names, IReadOnlyList<FailureView> Failures, string? NextCursor)
{
    public static OutcomePageView From(OutcomePage page) =>
        new(page.Outcomes.Select(NameOutcomeView.From).ToList(),
            page.Outcomes.SelectMany(o => o.Failures.Select(f => FailureView.From(o.NameKey, f))).ToList(), page.NextCursor);
}
