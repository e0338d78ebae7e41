using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Disambig.Grains;
using Spectre.Console;

namespace Disambig.Cli.Pipeline;

/// <summary>
/// <c>disambig aliases</c>: the alias job's current suggestions (entities under different names that are probably one
/// artist), most probable first, a page at a time (<c>--cursor</c>, <c>--limit</c>) or all of them (<c>--all</c>), as a
/// table, CSV or JSON Lines, to the console or a file (<c>--out</c>).
/// </summary>
internal static class AliasesCommand
{
    /// <summary>Output formats.</summary>
    public enum Format
    {
        Table,
        Csv,
        Jsonl,
    }

    /// <summary>What to list.</summary>
    /// <param name="Format">Table (console only), CSV or JSON Lines.</param>
    /// <param name="Out">File to write, or null for the console.</param>
    /// <param name="Cursor">The previous page's next cursor, or null for the first page.</param>
    /// <param name="Limit">Suggestions per page, 1 to <see cref="AliasJobs.MaxPageSize"/>.</param>
    /// <param name="All">Walk every page from <paramref name="Cursor"/> on.</param>
    public sealed record Settings(Format Format, string? Out, string? Cursor, int Limit, bool All);

    /// <summary>One exported suggestion, flat (albums and years joined by ';').</summary>
    public sealed record Row(double Probability, bool LowEvidence, double Distance, bool NamesShareAnAlbum,
        string LeftEntityId, string LeftName, int LeftTracks, string LeftAlbums, string LeftYears,
        string RightEntityId, string RightName, int RightTracks, string RightAlbums, string RightYears)
    {
        public static Row From(AliasCandidate c) => new(c.Probability, c.LowEvidence, c.Distance, c.NamesShareAnAlbum,
            c.Left.EntityId, c.Left.DisplayName, c.Left.TrackCount, string.Join(';', c.Left.Albums), string.Join(';', c.Left.Years),
            c.Right.EntityId, c.Right.DisplayName, c.Right.TrackCount, string.Join(';', c.Right.Albums), string.Join(';', c.Right.Years));
    }

    public static Command Create()
    {
        var format = new Option<Format>("--format") { Description = "table, csv or jsonl.", DefaultValueFactory = _ => Format.Table };
        var output = new Option<string?>("--out") { Description = "File to write (csv or jsonl); default: the console." };
        var cursor = new Option<string?>("--cursor") { Description = "Next-page cursor printed by the previous page." };
        var limit = new Option<int>("--limit") { Description = $"Suggestions per page (1 to {AliasJobs.MaxPageSize}).", DefaultValueFactory = _ => 50 };
        var all = new Option<bool>("--all") { Description = "Every page from the cursor on (an export)." };
        var command = new Command("aliases", "List the suggested aliases: entities under different names that are probably one artist, with the evidence.")
        {
            format, output, cursor, limit, all,
        };
        var target = PipelineTarget.AddOptions(command);
        command.SetAction((parse, cancellationToken) => RunAsync(
            new Settings(parse.GetValue(format), parse.GetValue(output), parse.GetValue(cursor), parse.GetValue(limit), parse.GetValue(all)),
            target(parse), Console.Out, cancellationToken));
        return command;
    }

    /// <returns>0 when listed, 2 when an option or the cursor is invalid.</returns>
    public static async Task<int> RunAsync(Settings settings, PipelineTarget target, TextWriter output, CancellationToken cancellationToken)
    {
        if (settings.Limit is < 1 or > AliasJobs.MaxPageSize)
            return await FailAsync(output, $"--limit must be between 1 and {AliasJobs.MaxPageSize}; got {settings.Limit}.");
        if (settings.Format == Format.Table && settings.Out is not null)
            return await FailAsync(output, "--out needs --format csv or jsonl.");
        await using var pipeline = await target.OpenAsync(cancellationToken);
        var job = pipeline.Grains.GetGrain<IAliasJobGrain>(AliasJobs.DefaultKey);
        var items = new List<AliasCandidate>();
        AliasPage page;
        var cursor = settings.Cursor;
        try
        {
            do
            {
                cancellationToken.ThrowIfCancellationRequested();
                page = await job.List(cursor, settings.Limit);
                items.AddRange(page.Items);
                cursor = page.NextCursor;
            }
            while (settings.All && cursor is not null);
        }
        catch (ArgumentException e)
        {
            return await FailAsync(output, e.Message.Split(" (Parameter", 2)[0]);
        }

        var status = await job.GetStatus();
        if (settings.Format == Format.Table) WriteTable(output, items, page, status);
        else if (settings.Out is null) await WriteAsync(output, settings.Format, items);
        else
        {
            await using (var writer = new StreamWriter(settings.Out)) await WriteAsync(writer, settings.Format, items);
            await output.WriteLineAsync($"Wrote {items.Count} of {page.Total} alias suggestions to {Path.GetFullPath(settings.Out)}.");
        }
        if (settings.Out is not null || settings.Format == Format.Table)
        {
            await output.WriteLineAsync(page.NextCursor is { } next ? $"Next page: --cursor {next}" : "No further page.");
        }
        return 0;
    }

    private static async Task<int> FailAsync(TextWriter output, string message)
    {
        await output.WriteLineAsync($"error: {message}");
        return 2;
    }

    private static void WriteTable(TextWriter output, IReadOnlyList<AliasCandidate> items, AliasPage page, AliasJobStatus status)
    {
        var console = SweepProgressView.ConsoleFor(output);
        console.WriteLine(status.RunId is null
            ? "The alias job has not run yet (it runs after each sweep)."
            : $"{page.Total} alias suggestions (run {status.RunId} after {status.Trigger}, {status.Entities} entities; job {status.State}).");
        if (items.Count == 0) return;
        var table = new Table().AddColumns("Entity", "Possibly the same artist as", "Probability", "Distance", "Tracks", "Years", "Shared album");
        foreach (var c in items)
        {
            table.AddRow(Markup.Escape($"{c.Left.DisplayName} #{c.Left.Entity}"), Markup.Escape($"{c.Right.DisplayName} #{c.Right.Entity}"),
                c.Probability.ToString("0.00", CultureInfo.InvariantCulture) + (c.LowEvidence ? " (low evidence)" : ""),
                c.Distance.ToString("0.000", CultureInfo.InvariantCulture), $"{c.Left.TrackCount} / {c.Right.TrackCount}",
                $"{Span(c.Left.Years)} / {Span(c.Right.Years)}", c.NamesShareAnAlbum ? "yes" : "no");
        }
        console.Write(table);
    }

    private static string Span(IReadOnlyList<int> years) => years.Count == 0 ? "-" : $"{years[0]}-{years[^1]}";

    private static async Task WriteAsync(TextWriter writer, Format format, IReadOnlyList<AliasCandidate> items)
    {
        if (format == Format.Jsonl)
        {
            foreach (var item in items) await writer.WriteLineAsync(JsonSerializer.Serialize(item, JsonSerializerOptions.Web));
            return;
        }
        await writer.WriteLineAsync("probability,low_evidence,distance,names_share_an_album,left_entity_id,left_name,left_tracks,left_albums,left_years,right_entity_id,right_name,right_tracks,right_albums,right_years");
        foreach (var r in items.Select(Row.From))
        {
            string[] cells = [r.Probability.ToString("0.####", CultureInfo.InvariantCulture), r.LowEvidence ? "true" : "false",
                r.Distance.ToString("0.######", CultureInfo.InvariantCulture), r.NamesShareAnAlbum ? "true" : "false",
                r.LeftEntityId, r.LeftName, r.LeftTracks.ToString(CultureInfo.InvariantCulture), r.LeftAlbums, r.LeftYears,
                r.RightEntityId, r.RightName, r.RightTracks.ToString(CultureInfo.InvariantCulture), r.RightAlbums, r.RightYears];
            await writer.WriteLineAsync(string.Join(',', cells.Select(ExportCommand.Quote)));
        }
    }
}
