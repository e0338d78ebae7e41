using Disambig.Embedding.Inference;

namespace Disambig.Evaluation;

/// <summary>Settings of the evaluation protocol (section 4.1 of the paper). Validated by <see cref="Validate"/> before anything runs.</summary>
public sealed class EvaluationOptions
{
    /// <summary>Tracks drawn per artist of the classification set. Default 20 (the paper); range 2 to 10 000.</summary>
    public int TracksPerArtist { get; set; } = 20;

    /// <summary>Of those, tracks that build the artist model; the rest are test cases. Default 15 (the paper); range 1 to <see cref="TracksPerArtist"/> - 1.</summary>
    public int ModelTracksPerArtist { get; set; } = 15;

    /// <summary>Most artists in the classification set (drawn at random). Default null: every artist with enough tracks. Range 2 or more.</summary>
    public int? MaxArtists { get; set; }

    /// <summary>Most tracks per artist of a homonym group (drawn at random). Default null: all (the paper used 8 to 168). Range 1 or more.</summary>
    public int? MaxTracksPerHomonymArtist { get; set; }

    /// <summary>
    /// Pools the catalog's known artists into homonym names instead of reading the credited names: every combination of
    /// 2 to this many artists (2 to 4) becomes a name (<see cref="HomonymSet.Pooled"/>). Gives a small labelled test set
    /// many groups. Default null: the credited names.
    /// </summary>
    public int? PooledHomonymArtists { get; set; }

    /// <summary>Most one-artist names (each unseen artist with a known id under its own name, drawn at random). Default 200; range 1 or more; null: all.</summary>
    public int? MaxOneArtistNames { get; set; } = 200;

    /// <summary>Largest share of one-artist names the deployed threshold may split. Default 0.05; range [0, 1].</summary>
    public double MaxOneArtistSplitShare { get; set; } = 0.05;

    /// <summary>Least calibrated probability for a split to be applied; a less confident one keeps the name whole, flagged for review. Default 0.5; range [0, 1].</summary>
    public double MinSplitProbability { get; set; } = 0.5;

    /// <summary>Cross-validation folds over homonym groups. Default 5 (the paper); range 2 to 100, and at most the number of groups.</summary>
    public int Folds { get; set; } = 5;

    /// <summary>Linearly spaced segments averaged into a track vector. Default 10 (the paper); range 1 to 100.</summary>
    public int SegmentsPerTrack { get; set; } = 10;

    /// <summary>How a track's segment vectors are pooled into its vector. Default <see cref="TrackPooling.Mean"/> (the paper).</summary>
    public TrackPooling Pooling { get; set; } = TrackPooling.Mean;

    /// <summary>Seed of the track draws and of the fold assignment. Default 1.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>Tracks decoded at once. Default 2; range 1 to 64.</summary>
    public int MaxParallelism { get; set; } = 2;

    /// <summary>Most segments per forward pass of a model. Default 64; range 1 to 4096.</summary>
    public int MaxBatchSegments { get; set; } = 64;

    /// <summary>Folder of the track-vector cache (one file per model weights); null keeps vectors in memory only. Default null.</summary>
    public string? CacheFolder { get; set; }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first setting out of its range.</summary>
    public EvaluationOptions Validate()
    {
        InRange(TracksPerArtist, 2, 10_000, nameof(TracksPerArtist));
        InRange(ModelTracksPerArtist, 1, TracksPerArtist - 1, nameof(ModelTracksPerArtist));
        if (MaxArtists is { } artists) InRange(artists, 2, int.MaxValue, nameof(MaxArtists));
        if (MaxTracksPerHomonymArtist is { } tracks) InRange(tracks, 1, int.MaxValue, nameof(MaxTracksPerHomonymArtist));
        if (PooledHomonymArtists is { } pooled) InRange(pooled, HomonymSet.MinArtists, HomonymSet.MaxArtists, nameof(PooledHomonymArtists));
        if (MaxOneArtistNames is { } names) InRange(names, 1, int.MaxValue, nameof(MaxOneArtistNames));
        InRange(MaxOneArtistSplitShare, nameof(MaxOneArtistSplitShare));
        InRange(MinSplitProbability, nameof(MinSplitProbability));
        InRange(Folds, 2, 100, nameof(Folds));
        InRange(SegmentsPerTrack, 1, 100, nameof(SegmentsPerTrack));
        if (!Enum.IsDefined(Pooling)) throw new ArgumentOutOfRangeException(nameof(Pooling), Pooling, "Unknown pooling.");
        InRange(MaxParallelism, 1, 64, nameof(MaxParallelism));
        InRange(MaxBatchSegments, 1, 4096, nameof(MaxBatchSegments));
        return this;
    }

    private static void InRange(double share, string name)
    {
        if (!(share is >= 0 and <= 1)) throw new ArgumentOutOfRangeException(name, share, $"{name} must lie in [0, 1].");
    }

    private static void InRange(int value, int min, int max, string name)
    {
        if (value < min || value > max) throw new ArgumentOutOfRangeException(name, value, $"{name} must lie in [{min}, {max}].");
    }
}
