using System.Text.Json;
using System.Text.Json.Serialization;

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

    private async Task<T?> ReadAsync<T>(string name, CancellationToken cancellationToken) where T : class
    {
        if (await stores.Results.GetInfoAsync(name, cancellationToken) is null) return null;
        await using var stream = await stores.Results.OpenReadAsync(name, cancellationToken);
        return await JsonSerializer.DeserializeAsync<T>(stream, Json, cancellationToken);
    }
}
