namespace Disambig.Grains.Names;

/// <summary>A name whose audio did not change since its result is not run again (<see cref="NameFingerprint"/>).</summary>
public sealed partial class NameState
{
    /// <summary>
    /// The fingerprint of what produced <see cref="Result"/> (model version, track ids, audio paths and entity tags);
    /// null when unknown or when the result had failures that are tried again (so the name is never skipped).
    /// </summary>
    [Id(50)] public string? ResultFingerprint { get; set; }

    /// <summary>True when a run of <paramref name="request"/> would reproduce <see cref="Result"/>: same model, same fingerprint.</summary>
    public bool IsUnchanged(NameRunRequest request, string fingerprint) =>
        Result is not null && ResultFingerprint is not null && Result.Model.Version == request.Model.Version
        && string.Equals(ResultFingerprint, fingerprint, StringComparison.Ordinal);

    /// <summary>True when a sweep of <paramref name="request"/>'s model should look at the audio before running the name.</summary>
    public bool MayBeUnchanged(NameRunRequest request) => ResultFingerprint is not null && Result?.Model.Version == request.Model.Version;

    /// <summary>
    /// Ends the run of <paramref name="request"/> without running it: the result stays, the outcome says
    /// <see cref="NameDecision.Unchanged"/>. The state changes (and must be written) only when the sweep's earlier
    /// attempts failed, to forget them; otherwise nothing is written: the sweep's result chunks record the outcome, and
    /// a name asked again checks again (the same listings, the same answer).
    /// </summary>
    public (NameOutcome Outcome, bool Changed) CompleteUnchanged(NameRunRequest request, string nameKey)
    {
        var outcome = new NameOutcome(nameKey, NameDecision.Unchanged, Result?.Entities.Count ?? 0, 0, 0, []);
        if (Attempts is null) return (outcome, false);
        (Outcome, OutcomeSweepId, Attempts) = (outcome, request.SweepId, null);
        return (outcome, true);
    }
}
