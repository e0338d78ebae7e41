using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Disambig.Grains;

namespace Disambig.Cli.Pipeline;

/// <summary><c>disambig export</c>: the proposed splits, one row per track, as CSV or JSON Lines for catalog curators.</summary>
internal static class ExportCommand
{
    /// <summary>Export file formats.</summary>
    public enum Format
    {
        Csv,
        Jsonl,
    }

    /// <summary>
    /// One exported row: a track of a name and its entity (<paramref name="Entity"/>: the stable id, kept across sweeps),
    /// with the name's review (<c>NotNeeded</c>, <c>Awaiting</c>, <c>Accepted</c>, <c>Rejected</c>), and who decided when.
    /// </summary>
    public sealed record Row(string Name, string DisplayName, string TrackId, int Entity, double EntityConfidence, double SplitConfidence, string Decision,
        string ModelVersion, string Review, string? DecidedBy, DateTimeOffset? DecidedAt);

    public static Command Create()
    {
        var output = new Option<string>("--out") { Description = "File to write.", Required = true };
        var format = new Option<Format>("--format") { Description = "csv or jsonl.", DefaultValueFactory = _ => Format.Csv };
        var all = new Option<bool>("--all") { Description = "Also export names kept whole (default: only names proposed for a split)." };
        var command = new Command("export", "Write the proposed splits, one row per track, as CSV or JSON Lines.") { output, format, all };
        var target = PipelineTarget.AddOptions(command);
        command.SetAction((parse, cancellationToken) => RunAsync(parse.GetRequiredValue(output), parse.GetValue(format), parse.GetValue(all),
            target(parse), Console.Out, cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(string file, Format format, bool all, PipelineTarget target, TextWriter output, CancellationToken cancellationToken)
    {
        await using var pipeline = await target.OpenAsync(cancellationToken);
        // Streams: one page of names at a time, their results asked with bounded concurrency, rows written as they come.
        int rows = 0, names = 0;
        await using (var writer = new StreamWriter(file))
        {
            if (format == Format.Csv) await writer.WriteLineAsync(CsvHeader);
            await foreach (var (_, result) in pipeline.Grains.ReadResultsAsync(cancellationToken))
            {
                if (result is null || (!all && result.Decision != NameDecision.Split)) continue;
                var written = 0;
                foreach (var row in Rows(result))
                {
                    await writer.WriteLineAsync(format == Format.Csv ? CsvLine(row) : JsonSerializer.Serialize(row, JsonSerializerOptions.Web));
                    written++;
                }
                rows += written;
                if (written > 0) names++;
            }
        }
        await output.WriteLineAsync($"Wrote {rows} tracks of {names} names to {Path.GetFullPath(file)}.");
        return 0;
    }

    public static IEnumerable<Row> Rows(NameResult result) =>
        result.Entities.SelectMany(entity => entity.TrackIds.Select(track => new Row(result.NameKey, result.DisplayName, track,
            entity.Entity, entity.Confidence, result.SplitConfidence, result.Decision.ToString(), result.Model.Version,
            result.ReviewState.ToString(), result.Review?.DecidedBy, result.Review?.DecidedAt)));

    private const string CsvHeader = "name,display_name,track_id,entity,entity_confidence,split_confidence,decision,model_version,review,decided_by,decided_at";

    private static string CsvLine(Row r)
    {
        string[] cells = [r.Name, r.DisplayName, r.TrackId, r.Entity.ToString(CultureInfo.InvariantCulture),
            r.EntityConfidence.ToString("0.####", CultureInfo.InvariantCulture), r.SplitConfidence.ToString("0.####", CultureInfo.InvariantCulture),
            r.Decision, r.ModelVersion, r.Review, r.DecidedBy ?? "", r.DecidedAt?.ToString("O", CultureInfo.InvariantCulture) ?? ""];
        return string.Join(',', cells.Select(Quote));
    }

    /// <summary>RFC 4180 quoting: fields with commas, quotes or line breaks are quoted, quotes doubled.</summary>
    internal static string Quote(string cell) =>
        cell.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{cell.Replace("\"", "\"\"")}\"" : cell;
}
