using System.Text.Json;
using System.Text.Json.Serialization;
using Disambig.Storage;

namespace Disambig.Grains.Services;

/// <summary>Writes name results and sweep reports as JSON to the results store, and reads them back.</summary>
public sealed class ResultStore(PipelineStores stores)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Object name of a name's result: <c>names/{escaped key}.json</c> (the key may hold '/' or "..").</summary>
    public static string NameResultName(string nameKey) => $"names/{Uri.EscapeDataString(nameKey)}.json";

    /// <summary>Object name of a sweep's report: <c>sweeps/{sweep id}.json</c>.</summary>
    public static string SweepReportName(string sweepId) => $"sweeps/{SweepIds.Validate(sweepId)}.json";

    /// <summary>
    /// Writes page <paramref name="index"/> of a big name's tracks as <c>names/{escaped key}/tracks/{index}-{hash}.json</c>,
    /// named by its content so a page that did not change is not written again (<paramref name="existing"/>: the pages
    /// the name has now), and a state write that fails leaves the pages it referenced in place.
    /// </summary>
    public async Task<Names.TrackPageRef> WriteTrackPageAsync(
        string nameKey, int index, IReadOnlyList<TrackRef> tracks, IReadOnlySet<string> existing, CancellationToken cancellationToken)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(tracks, Json);
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes))[..16];
        var name = $"names/{Uri.EscapeDataString(nameKey)}/tracks/{index:D5}-{hash}.json";
        if (!existing.Contains(name)) await stores.Results.WriteAsync(name, new MemoryStream(bytes), cancellationToken);
        return new Names.TrackPageRef(name, tracks.Count);
    }

    /// <summary>The tracks of one page written by <see cref="WriteTrackPageAsync"/>.</summary>
    /// <exception cref="InvalidDataException">The page is missing or holds no track list.</exception>
    public async Task<IReadOnlyList<TrackRef>> ReadTrackPageAsync(string blob, CancellationToken cancellationToken) =>
        await ReadAsync<List<TrackRef>>(blob, cancellationToken) ?? throw new InvalidDataException($"The track page '{blob}' is missing from {stores.Results.Location}.");

    /// <summary>Deletes a page no longer referenced; false when it was already gone.</summary>
    public Task<bool> DeleteTrackPageAsync(string blob, CancellationToken cancellationToken) => stores.Results.DeleteAsync(blob, cancellationToken);

    public Task WriteNameAsync(NameResult result, CancellationToken cancellationToken) =>
        WriteAsync(NameResultName(result.NameKey), result, cancellationToken);

    /// <summary>Writes the report as <see cref="SweepReportName"/>.</summary>
    public Task WriteReportAsync(SweepReport report, CancellationToken cancellationToken) =>
        WriteAsync(SweepReportName(report.SweepId), report, cancellationToken);

    /// <summary>The report of a sweep, or null when none was written.</summary>
    public Task<SweepReport?> ReadReportAsync(string sweepId, CancellationToken cancellationToken) =>
        ReadAsync<SweepReport>(SweepReportName(sweepId), cancellationToken);

    /// <summary>A name's written result, or null.</summary>
    public Task<NameResult?> ReadNameAsync(string nameKey, CancellationToken cancellationToken) =>
        ReadAsync<NameResult>(NameResultName(nameKey), cancellationToken);

    private async Task WriteAsync<T>(string name, T value, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await JsonSerializer.SerializeAsync(buffer, value, Json, cancellationToken);
        buffer.Position = 0;
        await stores.Results.WriteAsync(name, buffer, cancellationToken);
    }

    /// <summary>The object <paramref name="name"/> read as JSON, or null when there is none (one storage call, not a check first).</summary>
    private async Task<T?> ReadAsync<T>(string name, CancellationToken cancellationToken) where T : class
    {
        Stream stream;
        try
        {
            stream = await stores.Results.OpenReadAsync(name, cancellationToken);
        }
        catch (BlobNotFoundException)
        {
            return null;
        }
        await using (stream)
        {
            return await JsonSerializer.DeserializeAsync<T>(stream, Json, cancellationToken);
        }
    }
}
