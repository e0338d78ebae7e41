using Disambig.Aliases;
using Disambig.Clustering.Calibration;
using Microsoft.Extensions.Options;

namespace Disambig.Grains.Aliases;

/// <summary>
/// Settings of the alias job (<c>Disambig:Aliases:*</c>). The alias model (threshold, Platt coefficients, low-evidence
/// cap) comes from the current model version when its training calibrated one (<see cref="ModelVersionInfo.Aliases"/>);
/// the values here are used only for a model registered without it.
/// </summary>
public sealed class AliasJobOptions
{
    public const string SectionName = "Disambig:Aliases";

    /// <summary>Fallback alias threshold: cosine distance between centroids under which a merge is proposed. Default 0.05; range [0, 2].</summary>
    public double Threshold { get; set; } = 0.05;

    /// <summary>Fallback Platt slope of P(same artist | distance). Default 60; any finite value.</summary>
    public double PlattA { get; set; } = 60;

    /// <summary>Fallback Platt offset. Default -3 (probability 1/2 at distance 0.05); any finite value.</summary>
    public double PlattB { get; set; } = -3;

    /// <summary>Fallback cap on the probability of a low-evidence pair. Default 0.5; range [0, 1].</summary>
    public double LowEvidenceCap { get; set; } = 0.5;

    /// <summary>Nearest other-name entities looked at per entity. Default 10; range 1 to 1000.</summary>
    public int Neighbours { get; set; } = 10;

    /// <summary>Entities with at most this many tracks are flagged low evidence. Default 2; range 0 to 1000.</summary>
    public int LowEvidenceMaxTracks { get; set; } = 2;

    /// <summary>Most entities in one USearch shard (~580 bytes each at d = 32). Default 4 000 000; range 1 to 2^31 - 1.</summary>
    public int MaxEntitiesPerShard { get; set; } = 4_000_000;

    /// <summary>Suggestions per JSON Lines page in the results store. Default 1000; range 1 to 100 000.</summary>
    public int PageSize { get; set; } = 1_000;

    /// <summary>Names whose results are read at once while gathering. Default 200; range 1 to 10 000.</summary>
    public int GatherConcurrency { get; set; } = 200;

    /// <summary>The core's settings (single-threaded insertion is not forced: runs may differ in the last approximate neighbours).</summary>
    public AliasOptions Core() => new()
    {
        Neighbours = Neighbours,
        LowEvidenceMaxTracks = LowEvidenceMaxTracks,
        MaxEntitiesPerShard = MaxEntitiesPerShard,
    };

    /// <summary>The model of a registration without an alias calibration.</summary>
    public AliasModel FallbackModel() => new(Threshold, new PlattScaling(PlattA, PlattB), LowEvidenceCap);

    /// <summary>Throws when a setting is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    public void Validate()
    {
        if (!(Threshold >= 0 && Threshold <= 2)) throw new ArgumentOutOfRangeException(nameof(Threshold), Threshold, "Threshold must be in [0, 2].");
        if (!double.IsFinite(PlattA)) throw new ArgumentOutOfRangeException(nameof(PlattA), PlattA, "PlattA must be finite.");
        if (!double.IsFinite(PlattB)) throw new ArgumentOutOfRangeException(nameof(PlattB), PlattB, "PlattB must be finite.");
        if (!(LowEvidenceCap >= 0 && LowEvidenceCap <= 1)) throw new ArgumentOutOfRangeException(nameof(LowEvidenceCap), LowEvidenceCap, "LowEvidenceCap must be in [0, 1].");
        if (PageSize is < 1 or > 100_000) throw new ArgumentOutOfRangeException(nameof(PageSize), PageSize, "PageSize must be between 1 and 100000.");
        if (GatherConcurrency is < 1 or > 10_000) throw new ArgumentOutOfRangeException(nameof(GatherConcurrency), GatherConcurrency, "GatherConcurrency must be between 1 and 10000.");
        Core().Validate();
    }
}

/// <summary>Validates <see cref="AliasJobOptions"/> at silo start, naming the first setting out of range.</summary>
public sealed class AliasJobOptionsValidator : IValidateOptions<AliasJobOptions>
{
    public ValidateOptionsResult Validate(string? name, AliasJobOptions options)
    {
        try
        {
            options.Validate();
            return ValidateOptionsResult.Success;
        }
        catch (ArgumentOutOfRangeException e)
        {
            return ValidateOptionsResult.Fail($"{AliasJobOptions.SectionName}:{e.ParamName}: {e.Message.Split(" (Parameter", 2)[0]}");
        }
    }
}
