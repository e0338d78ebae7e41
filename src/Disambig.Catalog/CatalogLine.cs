using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Disambig.Catalog;

/// <summary>
/// The wire shape of one catalog line. Every field is nullable so that a missing one is reported by name
/// instead of as a generic deserialisation failure; <see cref="CatalogJsonLines"/> maps it to <see cref="CatalogTrack"/>.
/// </summary>
internal sealed class CatalogLine
{
    public string? TrackId { get; set; }
    public string? Title { get; set; }
    public string? ArtistName { get; set; }
    public string? TrueArtistId { get; set; }
    public string? AlbumId { get; set; }
    public string? AlbumTitle { get; set; }
    public DateOnly? ReleaseDate { get; set; }
    public List<string?>? Genres { get; set; }
    public string? AudioPath { get; set; }
}

/// <summary>
/// Source-generated serialisation of catalog lines: camelCase names, one compact object per line, null fields
/// omitted, unknown fields ignored, non-ASCII text written as is (the file is UTF-8, never embedded in HTML).
/// </summary>
[JsonSerializable(typeof(CatalogLine))]
internal sealed partial class CatalogJsonContext : JsonSerializerContext
{
    public static CatalogJsonContext Lines { get; } = new(new JsonSerializerOptions(JsonSerializerDefaults.Web)
    {
        WriteIndented = false,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        // A line naming a field twice is ambiguous (which audioPath is meant?), so it is refused rather than resolved.
        AllowDuplicateProperties = false,
    });
}
