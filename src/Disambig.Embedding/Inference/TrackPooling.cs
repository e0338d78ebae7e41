using Disambig.Embedding.Networks;

namespace Disambig.Embedding.Inference;

/// <summary>
/// How a track's segment embeddings are pooled into its vector (<see cref="TrackEmbedding.For(NetworkKind, ReadOnlySpan{float}, int, TrackPooling)"/>).
/// The metric system re-projects every pooled vector onto the unit sphere.
/// </summary>
public enum TrackPooling
{
    /// <summary>Section 4.1: the mean of the segments (the default).</summary>
    Mean,

    /// <summary>The coordinate-wise median of the segments: one odd segment (a silence, a jingle) cannot move it far.</summary>
    Median,

    /// <summary>
    /// The mean of the segments closest to their mean: the fifth of the segments (rounded down) farthest from the
    /// mean is dropped, then the rest is averaged.
    /// </summary>
    Trimmed,
}

/// <summary>Names of <see cref="TrackPooling"/> as options and reports write them (mean, median, trimmed).</summary>
public static class TrackPoolings
{
    /// <summary>The lower-case name.</summary>
    public static string NameOf(TrackPooling pooling) => pooling switch
    {
        TrackPooling.Mean => "mean",
        TrackPooling.Median => "median",
        TrackPooling.Trimmed => "trimmed",
        _ => throw new ArgumentOutOfRangeException(nameof(pooling), pooling, "Unknown pooling."),
    };

    /// <summary>The pooling named <paramref name="name"/> (case-insensitive).</summary>
    /// <exception cref="ArgumentException">Not one of mean, median, trimmed.</exception>
    public static TrackPooling Parse(string name) => name.ToLowerInvariant() switch
    {
        "mean" => TrackPooling.Mean,
        "median" => TrackPooling.Median,
        "trimmed" => TrackPooling.Trimmed,
        _ => throw new ArgumentException($"Unknown track pooling '{name}': expected mean, median or trimmed.", nameof(name)),
    };
}
