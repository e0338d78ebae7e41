namespace Disambig.Grains;

/// <summary>The report of a completed sweep, written as JSON under <c>results/sweeps/</c>.</summary>
/// <param name="SweepId">The sweep.</param>
/// <param name="Model">Model version and threshold used.</param>
/// <param name="StartedAt">Start time.</param>
/// <param name="CompletedAt">End time.</param>
/// <param name="Progress">The final counts.</param>
/// <param name="Names">Every name's outcome, sorted by name.</param>
[GenerateSerializer, Immutable, Alias("Disambig.SweepReport")]
public sealed record SweepReport(
    [property: Id(0)] string SweepId,
    [property: Id(1)] ModelRef Model,
    [property: Id(2)] DateTimeOffset StartedAt,
    [property: Id(3)] DateTimeOffset CompletedAt,
    [property: Id(4)] SweepProgress Progress,
    [property: Id(5)] IReadOnlyList<NameOutcome> Names)
{
    /// <summary>Names proposed for a split.</summary>
    public IEnumerable<NameOutcome> NamesSplit => Names.Where(name => name.Decision == NameDecision.Split);

    /// <summary>Names kept as one artist.</summary>
    public IEnumerable<NameOutcome> NamesKeptWhole => Names.Where(name => name.Decision == NameDecision.KeptWhole);

    /// <summary>Every track failure of the sweep, with its reason.</summary>
    public IEnumerable<TrackFailure> Failures => Names.SelectMany(name => name.Failures);
}
