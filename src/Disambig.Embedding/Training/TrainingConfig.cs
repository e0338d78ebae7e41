using System.Text.Json.Serialization;
using Disambig.Embedding.Sampling;

namespace Disambig.Embedding.Training;

/// <summary>
/// Training settings, immutable; stored in the checkpoint metadata. A resumed run must use the same settings
/// (only <see cref="MaxSteps"/> may grow).
/// </summary>
public sealed record TrainingConfig
{
    /// <summary>N: artists per batch. Default 16; at least 2. The paper stresses large, diverse batches against collapse.</summary>
    public int ArtistsPerBatch { get; init; } = 16;

    /// <summary>n: segments per artist and batch. Default 4; at least 2.</summary>
    public int SamplesPerArtist { get; init; } = 4;

    /// <summary>p: probability of preferring a same-tag negative (section 3.2). Default 0 (plain sampling); in [0, 1].</summary>
    public double SideInformationP { get; init; }

    /// <summary>alpha of equation (1). Default 0.2; positive.</summary>
    public double Margin { get; init; } = TripletLoss.PaperMargin;

    /// <summary>RMSProp learning rate. Default 1e-3 (paper).</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>RMSProp rho, the decay of the squared-gradient average. Default 0.9 (paper); in (0, 1).</summary>
    public double Rho { get; init; } = 0.9;

    /// <summary>RMSProp epsilon. Default 1e-8 (paper); positive.</summary>
    public double Epsilon { get; init; } = 1e-8;

    /// <summary>Steps (parameter updates) at most. Default 10 000; at least 1.</summary>
    public int MaxSteps { get; init; } = 10_000;

    /// <summary>Steps between validations (and checkpoints). Default 200; at least 1.</summary>
    public int ValidationInterval { get; init; } = 200;

    /// <summary>Validations without improvement before early stopping. Default 10; at least 1.</summary>
    public int Patience { get; init; } = 10;

    /// <summary>At most this many validation segments are embedded (a fixed random subset). Default 2000; at least 4.</summary>
    public int MaxValidationSegments { get; init; } = 2000;

    /// <summary>Mean squared inter-artist distance below which a step counts as collapsed. Default 0.05; in [0, 4).</summary>
    public double CollapseThreshold { get; init; } = 0.05;

    /// <summary>
    /// Consecutive collapsed steps after which training stops. Default 1000; at least 1. Generous because a freshly
    /// initialised network already maps everything close together and needs some steps to spread out.
    /// </summary>
    public int CollapsePatience { get; init; } = 1000;

    /// <summary>
    /// Augmentation of the training segments against production cues (random equaliser, tilt, time and band masks);
    /// null (the default): none. Validation segments are never augmented.
    /// </summary>
    public MelAugmentation? Augmentation { get; init; }

    /// <summary>Seeds the batch draws and the dropout noise of every step. Same seed and data, same weights.</summary>
    public int Seed { get; init; } = 1;

    [JsonIgnore]
    public BatchShape Batch => new(ArtistsPerBatch, SamplesPerArtist);

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first setting out of range.</summary>
    public TrainingConfig Validate()
    {
        Batch.Validate();
        Require(SideInformationP is >= 0 and <= 1, nameof(SideInformationP), SideInformationP, "in [0, 1]");
        Require(Margin > 0, nameof(Margin), Margin, "positive");
        Require(LearningRate > 0, nameof(LearningRate), LearningRate, "positive");
        Require(Rho is > 0 and < 1, nameof(Rho), Rho, "in (0, 1)");
        Require(Epsilon > 0, nameof(Epsilon), Epsilon, "positive");
        Require(MaxSteps >= 1, nameof(MaxSteps), MaxSteps, "at least 1");
        Require(ValidationInterval >= 1, nameof(ValidationInterval), ValidationInterval, "at least 1");
        Require(Patience >= 1, nameof(Patience), Patience, "at least 1");
        Require(MaxValidationSegments >= 4, nameof(MaxValidationSegments), MaxValidationSegments, "at least 4");
        Require(CollapseThreshold is >= 0 and < 4, nameof(CollapseThreshold), CollapseThreshold, "in [0, 4)");
        Augmentation?.Validate();
        Require(CollapsePatience >= 1, nameof(CollapsePatience), CollapsePatience, "at least 1");
        return this;
    }

    private static void Require(bool valid, string name, object value, string range)
    {
        if (!valid) throw new ArgumentOutOfRangeException(name, value, $"{name} must be {range}.");
    }
}
