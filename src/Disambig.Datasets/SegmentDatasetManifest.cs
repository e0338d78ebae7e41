using System.Text.Json;
using System.Text.Json.Serialization;

namespace Disambig.Datasets;

/// <summary>
/// The description of a prepared segment dataset, written last (<c>manifest.json</c>), so a dataset whose
/// manifest exists is complete. Layout under the dataset's prefix:
/// <c>manifest.json</c>, <c>labels.i32</c> (int32 little-endian artist index per segment),
/// <c>shards/NNNNN.f16</c> (float16 little-endian mel power, [segments, frames, melBands] row-major), and since
/// format 2 <c>tracks.i32</c> (int32 little-endian index into <see cref="Tracks"/> per segment, -1 for a segment of
/// no known track), so that a held-out artist's track vectors and credited names can be rebuilt from the dataset.
/// Format 1 (no tracks) is still read.
/// </summary>
/// <param name="Tracks">Format 2: the tracks the segments come from, with the name each is credited to.</param>
/// <param name="TracksSha256">Format 2: SHA-256 of <c>tracks.i32</c>.</param>
public sealed record SegmentDatasetManifest(
    string Format,
    int Frames,
    int MelBands,
    int SegmentCount,
    int ShardCapacity,
    IReadOnlyList<ShardEntry> Shards,
    IReadOnlyList<ArtistEntry> Artists,
    string LabelsSha256,
    string Digest,
    IReadOnlyDictionary<string, string> Recipe,
    IReadOnlyList<TrackEntry>? Tracks = null,
    string? TracksSha256 = null)
{
    public const string CurrentFormat = "disambig-segments/2";
    /// <summary>The format before segments recorded their tracks; read, never written.</summary>
    public const string TracklessFormat = "disambig-segments/1";
    public const string FileName = "manifest.json";
    public const string LabelsFileName = "labels.i32";
    public const string TracksFileName = "tracks.i32";

    public static string ShardName(int index) => $"shards/{index:D5}.f16";
}

/// <summary>One shard: its name under the dataset prefix, its segment count and the SHA-256 of its bytes.</summary>
public sealed record ShardEntry(string Name, int Segments, string Sha256);

/// <summary>A track segments of the dataset come from: its catalog id and the artist name it is credited to.</summary>
public sealed record TrackEntry(string TrackId, string Name);

/// <summary>An artist of the dataset with its side-information tags.</summary>
public sealed record ArtistEntry(string Name, IReadOnlyList<string> Tags);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true)]
[JsonSerializable(typeof(SegmentDatasetManifest))]
internal sealed partial class DatasetJsonContext : JsonSerializerContext;
