using System.Text.Json;
using System.Text.Json.Serialization;

namespace Disambig.Datasets;

/// <summary>
/// The description of a prepared segment dataset, written last (<c>manifest.json</c>), so a dataset whose
/// manifest exists is complete. Layout under the dataset's prefix:
/// <c>manifest.json</c>, <c>labels.i32</c> (int32 little-endian artist index per segment), and
/// <c>shards/NNNNN.f16</c> (float16 little-endian mel power, [segments, frames, melBands] row-major).
/// </summary>
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
    IReadOnlyDictionary<string, string> Recipe)
{
    public const string CurrentFormat = "disambig-segments/1";
    public const string FileName = "manifest.json";
    public const string LabelsFileName = "labels.i32";

    public static string ShardName(int index) => $"shards/{index:D5}.f16";
}

/// <summary>One shard: its name under the dataset prefix, its segment count and the SHA-256 of its bytes.</summary>
public sealed record ShardEntry(string Name, int Segments, string Sha256);

/// <summary>An artist of the dataset with its side-information tags.</summary>
public sealed record ArtistEntry(string Name, IReadOnlyList<string> Tags);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true)]
[JsonSerializable(typeof(SegmentDatasetManifest))]
internal sealed partial class DatasetJsonContext : JsonSerializerContext;
