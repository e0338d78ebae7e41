namespace Disambig.Grains.Names;

/// <summary>The failed attempts of one sweep's run of a name.</summary>
/// <param name="SweepId">The sweep.</param>
/// <param name="Count">Attempts that failed.</param>
/// <param name="LastError">The last attempt's error, in words.</param>
[GenerateSerializer, Immutable, Alias("Disambig.NameAttempts")]
public sealed record NameAttempts([property: Id(0)] string SweepId, [property: Id(1)] int Count, [property: Id(2)] string LastError);

/// <summary>
/// How a run ends: a name's failed attempts are bounded (then the sweep gets a <see cref="NameDecision.NameFailed"/>
/// outcome and moves on), and its result is replaced only by a newer sweep on the current model.
/// </summary>
public sealed partial class NameState
{
    /// <summary>The sweep <see cref="Outcome"/> belongs to (null in state written before it was kept: <see cref="Result"/>'s sweep).</summary>
    [Id(6)] public string? OutcomeSweepId { get; set; }

    /// <summary>When the sweep that wrote <see cref="Result"/> started (null in state written before it was kept).</summary>
    [Id(7)] public DateTimeOffset? ResultSweepStartedAt { get; set; }

    /// <summary>The failed attempts of the current sweep's run, if any.</summary>
    [Id(8)] public NameAttempts? Attempts { get; set; }

    /// <summary>
    /// True when no run of the name is on record: no result, no sweep outcome, no failed attempt. A run that ended in
    /// any way but a lost activation or an unreachable store leaves one of them.
    /// </summary>
    public bool NoRunOnRecord => Result is null && Outcome is null && Attempts is null;

    /// <summary>
    /// True when a run of <paramref name="request"/> may replace <see cref="Result"/>: its model is the current one
    /// (<paramref name="currentModelVersion"/>), and its sweep started after the one that wrote the result (or is that sweep).
    /// </summary>
    public bool MayReplaceResult(NameRunRequest request, string? currentModelVersion)
    {
        if (!string.Equals(request.Model.Version, currentModelVersion, StringComparison.Ordinal)) return false;
        if (Result is null || ResultSweepStartedAt is not { } writtenBy) return true;
        return request.SweepStartedAt > writtenBy || (request.SweepStartedAt == writtenBy && Result.SweepId == request.SweepId);
    }

    /// <summary>
    /// Ends a successful run: keeps <paramref name="result"/> and its <paramref name="fingerprint"/> when
    /// <paramref name="replace"/>, and the sweep's outcome.
    /// </summary>
    public void Complete(NameRunRequest request, NameResult result, NameOutcome outcome, bool replace, string? fingerprint = null)
    {
        if (replace)
        {
            Result = result;
            ResultSweepStartedAt = request.SweepStartedAt;
            ResultFingerprint = fingerprint;
        }
        Outcome = outcome;
        OutcomeSweepId = request.SweepId;
        Attempts = null;
    }

    /// <summary>
    /// Counts a failed attempt of <paramref name="request"/>'s run; at the <paramref name="maxAttempts"/>-th, ends the run
    /// with a <see cref="NameDecision.NameFailed"/> outcome naming the error, and returns it (the result stays as it was).
    /// </summary>
    public NameOutcome? FailAttempt(NameRunRequest request, string nameKey, Exception error, int maxAttempts)
    {
        var count = Attempts?.SweepId == request.SweepId ? Attempts.Count + 1 : 1;
        var message = $"{error.GetType().Name}: {error.Message}";
        Attempts = new NameAttempts(request.SweepId, count, message);
        if (count < maxAttempts) return null;
        Outcome = new NameOutcome(nameKey, NameDecision.NameFailed, 0, 0, 0, [])
        {
            FailureReason = $"failed {count} attempts; last error: {message}",
        };
        OutcomeSweepId = request.SweepId;
        Attempts = null;
        return Outcome;
    }
}
