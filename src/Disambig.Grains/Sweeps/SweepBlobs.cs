using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Disambig.Grains.Services;

namespace Disambig.Grains.Sweeps;

/// <summary>
/// A sweep's blobs in the results store, JSON Lines (UTF-8, one JSON value per line):
/// <c>sweeps/{id}/p{NNN}/chunk-{kkkkkk}.jsonl</c>, one <see cref="NameOutcome"/> per line, and for a name-list sweep
/// <c>sweeps/{id}/p{NNN}/plan-{kkkkkk}.jsonl</c>, one name key (a JSON string) per line.
/// </summary>
public sealed class SweepBlobs(PipelineStores stores)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>The prefix of every blob of sweep <paramref name="sweepId"/>.</summary>
    public static string Prefix(string sweepId) => $"sweeps/{SweepIds.Validate(sweepId)}/";

    /// <summary>Result chunk <paramref name="chunk"/> of a partition.</summary>
    public static string ChunkName(string sweepId, int partition, int chunk) => $"{Prefix(sweepId)}p{partition:D3}/chunk-{chunk:D6}.jsonl";

    /// <summary>Plan chunk <paramref name="chunk"/> of a partition of a name-list sweep.</summary>
    public static string PlanName(string sweepId, int partition, int chunk) => $"{Prefix(sweepId)}p{partition:D3}/plan-{chunk:D6}.jsonl";

    /// <summary>Writes outcomes as JSON Lines, one per line.</summary>
    public static void WriteLines<T>(Stream stream, IEnumerable<T> values)
    {
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { SkipValidation = true });
        foreach (var value in values)
        {
            JsonSerializer.Serialize(writer, value, Json);
            writer.Flush();
            writer.Reset();
            stream.WriteByte((byte)'\n');
        }
    }

    /// <summary>Reads JSON Lines written by <see cref="WriteLines"/>.</summary>
    /// <exception cref="InvalidDataException">A line is not the expected JSON; names the blob and the line.</exception>
    public static async Task<List<T>> ReadLinesAsync<T>(Stream stream, string blobName, CancellationToken cancellationToken)
    {
        var values = new List<T>();
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var number = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            number++;
            if (line.Length == 0) continue;
            try
            {
                values.Add(JsonSerializer.Deserialize<T>(line, Json) ?? throw new JsonException("null"));
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"Sweep blob '{blobName}', line {number}: not a valid {typeof(T).Name}: {e.Message}", e);
            }
        }
        return values;
    }

    public Task WriteChunkAsync(string sweepId, int partition, int chunk, IEnumerable<NameOutcome> outcomes, CancellationToken cancellationToken) =>
        WriteAsync(ChunkName(sweepId, partition, chunk), outcomes, cancellationToken);

    public Task<List<NameOutcome>> ReadChunkAsync(string sweepId, int partition, int chunk, CancellationToken cancellationToken) =>
        ReadAsync<NameOutcome>(ChunkName(sweepId, partition, chunk), cancellationToken);

    public Task WritePlanAsync(string sweepId, int partition, int chunk, IEnumerable<string> names, CancellationToken cancellationToken) =>
        WriteAsync(PlanName(sweepId, partition, chunk), names, cancellationToken);

    public Task<List<string>> ReadPlanAsync(string sweepId, int partition, int chunk, CancellationToken cancellationToken) =>
        ReadAsync<string>(PlanName(sweepId, partition, chunk), cancellationToken);

    private async Task WriteAsync<T>(string name, IEnumerable<T> values, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        WriteLines(buffer, values);
        buffer.Position = 0;
        await stores.Results.WriteAsync(name, buffer, cancellationToken);
    }

    private async Task<List<T>> ReadAsync<T>(string name, CancellationToken cancellationToken)
    {
        await using var stream = await stores.Results.OpenReadAsync(name, cancellationToken);
        return await ReadLinesAsync<T>(stream, name, cancellationToken);
    }
}
