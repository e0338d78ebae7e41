using System.Text.Json;

namespace Disambig.Datasets.Recipes;

/// <summary>Where a build stands: after each track of a recipe split, after each shard of a balanced version.</summary>
/// <param name="Done">Tracks done (recipe split) or segments written (balanced version).</param>
/// <param name="Total">Tracks planned (recipe split) or segments to write (balanced version).</param>
/// <param name="Segments">Segments written to the split so far.</param>
/// <param name="Skipped">Tracks skipped so far.</param>
public sealed record BuildProgress(string Split, int Done, int Total, int Segments, int Skipped);

/// <summary>A planned track whose audio gave no segment, and why.</summary>
/// <param name="Reason">The <see cref="Audio.AudioErrorReason"/> name.</param>
/// <param name="Detail">The decoder's message.</param>
public sealed record SkippedTrack(string TrackId, string Reason, string Detail);

/// <summary>One written dataset: what it holds and what was left out. Saved as <c>report.json</c> beside its manifest.</summary>
/// <param name="Name">See <see cref="SplitNames"/>.</param>
/// <param name="Prefix">The dataset's prefix in the store (open it with <see cref="ShardedSegmentDataset.OpenAsync"/>).</param>
/// <param name="PlanDigest">What was planned; a build with the same plan digest finds this dataset complete.</param>
/// <param name="DatasetDigest">The manifest's digest of the content (recorded by trained models).</param>
/// <param name="Artists">Artists with at least one segment.</param>
/// <param name="Tracks">Tracks that gave segments; null for the balanced versions, which take segments, not tracks.</param>
/// <param name="Segments">Segments written.</param>
/// <param name="SegmentSeconds">Seconds per segment.</param>
/// <param name="AlreadyBuilt">True when this run found the dataset complete and wrote nothing.</param>
public sealed record SplitReport(
    string Name,
    string Prefix,
    string PlanDigest,
    string DatasetDigest,
    int Artists,
    int? Tracks,
    int Segments,
    double SegmentSeconds,
    IReadOnlyList<SkippedTrack> Skipped,
    bool AlreadyBuilt = false)
{
    public const string FileName = "report.json";

    /// <summary>Hours of audio in the segments.</summary>
    public double AudioHours => Segments * SegmentSeconds / 3600;

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };
}

/// <summary>Everything one recipe build wrote.</summary>
public sealed record BuildReport(string Recipe, string Prefix, string CatalogDigest, IReadOnlyDictionary<string, string> Settings, IReadOnlyList<SplitReport> Splits)
{
    public const string FileName = "build-report.json";
}
