using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Disambig.Grains;

namespace Disambig.Cli.Commands;

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
        var target = SweepCommand.AddTargetOptions(command);
        command.SetAction((parse, cancellationToken) => RunAsync(parse.GetRequiredValue(output), parse.GetValue(format), parse.GetValue(all),
            target(parse), Console.Out, cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(string file, Format format, bool all, SweepCommand.Target target, TextWriter output, CancellationToken cancellationToken)
    {
        await using var pipeline = await SweepCommand.OpenAsync(target, cancellationToken);
        var results = await pipeline.Grains.ReadAllResultsAsync();
        var rows = results.Select(pair => pair.Result).OfType<NameResult>()
            .Where(result => all || result.Decision == NameDecision.Split)
            .SelectMany(Rows)
            .ToList();
        await using (var writer = new StreamWriter(file))
        {
            if (format == Format.Csv) await WriteCsvAsync(writer, rows);
            else
            {
                foreach (var row in rows)
                {
                    await writer.WriteLineAsync(JsonSerializer.Serialize(row, JsonSerializerOptions.Web));
                }
            }
        }
        await output.WriteLineAsync($"Wrote {rows.Count} tracks of {rows.Select(r => r.Name).Distinct().Count()} names to {Path.GetFullPath(file)}.");
        return 0;
    }

    public static IEnumerable<Row> Rows(NameResult result) =>
        result.Entities.SelectMany(entity => entity.TrackIds.Select(track => new Row(result.NameKey, result.DisplayName, track,
            entity.Entity, entity.Confidence, result.SplitConfidence, result.Decision.ToString(), result.Model.Version,
            result.ReviewState.ToString(), result.Review?.DecidedBy, result.Review?.DecidedAt)));

    private static async Task WriteCsvAsync(TextWriter writer, IEnumerable<Row> rows)
    {
        await writer.WriteLineAsync("name,display_name,track_id,entity,entity_confidence,split_confidence,decision,model_version,review,decided_by,decided_at");
        foreach (var r in rows)
        {
            string[] cells = [r.Name, r.DisplayName, r.TrackId, r.Entity.ToString(CultureInfo.InvariantCulture),
                r.EntityConfidence.ToString("0.####", CultureInfo.InvariantCulture), r.SplitConfidence.ToString("0.####", CultureInfo.InvariantCulture),
                r.Decision, r.ModelVersion, r.Review, r.DecidedBy ?? "", r.DecidedAt?.ToString("O", CultureInfo.InvariantCulture) ?? ""];
            await writer.WriteLineAsync(string.Join(',', cells.Select(Quote)));
        }
    }

    /// <summary>RFC 4180 quoting: fields with commas, quotes or line breaks are quoted, quotes doubled.</summary>
    internal static string Quote(string cell) =>
        cell.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{cell.Replace("\"", "\"\"")}\"" : cell;
}
