namespace Disambig.Grains;

/// <summary>The model a sweep embeds and clusters with; fixed at the sweep's start so versions never mix in one name.</summary>
/// <param name="Version">Model version (the checkpoint folder <c>models/{version}/</c>).</param>
/// <param name="Threshold">Calibrated Ward distance threshold of this model.</param>
/// <param name="SegmentSeconds">
/// Segment length the model was trained on (9 or 3), from its checkpoint: every silo cuts the audio the model's way, so
/// no host chooses it. 0 in a registration written before models recorded it reads as the paper's 9 s.
/// </param>
[GenerateSerializer, Immutable, Alias("Disambig.ModelRef")]
public sealed record ModelRef([property: Id(0)] string Version, [property: Id(1)] double Threshold, [property: Id(2)] int SegmentSeconds)
{
    /// <summary>Seconds per segment the model takes (<see cref="SegmentSeconds"/>, or 9 when it was not recorded).</summary>
    public int AudioSegmentSeconds => SegmentSeconds > 0 ? SegmentSeconds : 9;

    /// <summary>
    /// The model's held-out calibration of the split confidence (issue 15), from its registration
    /// (<see cref="ModelVersionInfo.SplitProbability"/>); null for a model registered without one, whose every cut
    /// above the threshold is a split (the behaviour before calibrated splits).
    /// </summary>
    [Id(60)] public SplitProbabilityRef? SplitProbability { get; init; }
}

/// <summary>A registered model version.</summary>
/// <param name="Version">Version name; also the checkpoint folder <c>models/{version}/</c> in the models store.</param>
/// <param name="Threshold">Calibrated Ward distance threshold for clustering its vectors.</param>
/// <param name="Dimension">Embedding size d.</param>
/// <param name="RegisteredAt">When it was registered.</param>
/// <param name="Source">Where it came from (a training job id, or "imported").</param>
/// <param name="SegmentSeconds">Segment length of the checkpoint (its metadata's), which every host follows.</param>
[GenerateSerializer, Immutable, Alias("Disambig.ModelVersionInfo")]
public sealed record ModelVersionInfo(
    [property: Id(0)] string Version,
    [property: Id(1)] double Threshold,
    [property: Id(2)] int Dimension,
    [property: Id(3)] DateTimeOffset RegisteredAt,
    [property: Id(4)] string Source,
    [property: Id(5)] int SegmentSeconds)
{
    public ModelRef ToRef() => new(Version, Threshold, SegmentSeconds) { SplitProbability = SplitProbability };

    /// <summary>
    /// The alias model calibrated with this version on held-out artists of its training catalog (issue 17); null for
    /// versions registered without one (the alias job then uses its configured fallback).
    /// </summary>
    [Id(60)] public AliasModelRef? Aliases { get; init; }

    /// <summary>
    /// The split confidence's calibration into a probability, fitted with this version's threshold on held-out names
    /// (issue 15; the checkpoint's <c>meta.json</c> keeps it beside the threshold); null for versions registered
    /// without one: their names are split whenever the cut splits them, unflagged.
    /// </summary>
    [Id(61)] public SplitProbabilityRef? SplitProbability { get; init; }
}

/// <summary>
/// The calibrated probability that a name's split is right, as the registry keeps it (mirrors
/// <c>Disambig.Clustering.Calibration.SplitProbability</c>): p = 1 / (1 + exp(A c + B)) of the split confidence c.
/// </summary>
/// <param name="PlattA">Slope of the sigmoid.</param>
/// <param name="PlattB">Offset of the sigmoid.</param>
/// <param name="MinSplitProbability">
/// Least probability for a split to be applied; a less probable split keeps the name whole and flags it for review. In [0, 1].
/// </param>
[GenerateSerializer, Immutable, Alias("Disambig.SplitProbabilityRef")]
public sealed record SplitProbabilityRef(
    [property: Id(0)] double PlattA,
    [property: Id(1)] double PlattB,
    [property: Id(2)] double MinSplitProbability);

/// <summary>A calibrated alias decision as the registry keeps it (mirrors <c>Disambig.Aliases.AliasModel</c>).</summary>
/// <param name="Threshold">Cosine distance between entity centroids under which a merge is proposed.</param>
/// <param name="PlattA">Slope of P(same artist | distance) = 1 / (1 + exp(A s + B)), s the distance or its logarithm (<see cref="AliasModelRef.LogDistance"/>).</param>
/// <param name="PlattB">Offset of that sigmoid.</param>
/// <param name="LowEvidenceCap">Highest probability a pair with a one- or two-track side may carry.</param>
[GenerateSerializer, Immutable, Alias("Disambig.AliasModelRef")]
public sealed record AliasModelRef(
    [property: Id(0)] double Threshold,
    [property: Id(1)] double PlattA,
    [property: Id(2)] double PlattB,
    [property: Id(3)] double LowEvidenceCap)
{
    /// <summary>
    /// Whether PlattA and PlattB apply to ln(distance) (what calibration fits since the log scale) rather than the
    /// distance; false in registrations written before, which keep their meaning.
    /// </summary>
    [Id(70)] public bool LogDistance { get; init; }
}

/// <summary>No model version is registered yet: train one (<c>disambig run</c> does) or register a checkpoint.</summary>
[GenerateSerializer, Alias("Disambig.NoModelRegisteredException")]
public sealed class NoModelRegisteredException : Exception
{
    public NoModelRegisteredException()
        : base("No model version is registered; train one or register a checkpoint before sweeping.")
    {
    }

    public NoModelRegisteredException(string message) : base(message)
    {
    }

    public NoModelRegisteredException(string message, Exception inner) : base(message, inner)
    {
    }
}
