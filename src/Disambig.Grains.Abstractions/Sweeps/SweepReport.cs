namespace Disambig.Grains;

/// <summary>
/// The report of a completed sweep, written as JSON under <c>results/sweeps/{id}.json</c>: the final counts (constant
/// size), and where every name's outcome lies: JSON Lines chunks under <see cref="OutcomesPrefix"/>
/// (<c>sweeps/{id}/p{NNN}/chunk-{kkkkkk}.jsonl</c>), read page by page with <see cref="ISweepGrain.ReadOutcomes"/>.
/// </summary>
/// <param name="SweepId">The sweep.</param>
/// <param name="Model">Model version and threshold used.</param>
/// <param name="StartedAt">Start time.</param>
/// <param name="CompletedAt">End time.</param>
/// <param name="Progress">The final counts, per decision and per failure reason included.</param>
/// <param name="OutcomesPrefix">Prefix, in the results store, of the outcome chunks: each outcome exactly once.</param>
[GenerateSerializer, Immutable, Alias("Disambig.SweepReport")]
public sealed record SweepReport(
    [property: Id(0)] string SweepId,
    [property: Id(1)] ModelRef Model,
    [property: Id(2)] DateTimeOffset StartedAt,
    [property: Id(3)] DateTimeOffset CompletedAt,
    [property: Id(4)] SweepProgress Progress,
    [property: Id(6)] string OutcomesPrefix)
{
    /// <summary>Names proposed for a split.</summary>
    public int NamesSplit => Progress.NamesByDecision.GetValueOrDefault(NameDecision.Split);

    /// <summary>Names kept as one artist.</summary>
    public int NamesKeptWhole => Progress.NamesByDecision.GetValueOrDefault(NameDecision.KeptWhole);
}
