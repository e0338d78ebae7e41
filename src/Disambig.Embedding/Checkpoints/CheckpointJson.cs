using System.Text.Json;
using System.Text.Json.Serialization;

namespace Disambig.Embedding.Checkpoints;

/// <summary>The JSON form of checkpoint files: camelCase, enums as names, indented for people reading them.</summary>
internal static class CheckpointJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}
