using System.CommandLine;
using Disambig.Catalog;
using Disambig.Grains;
using Spectre.Console;

namespace Disambig.Cli.Pipeline;

/// <summary>
/// <c>disambig results NAME</c>: the entities proposed for one artist name, with confidences and failed tracks, the
/// probability that its split is right, and for a name kept whole because its split was unsure, the proposed split.
/// A big name's result is a summary (its first tracks, every entity's count); <c>--tracks</c> lists every track's
/// entity or failure, read and written a page at a time (<see cref="IArtistNameGrain.GetAssignments"/>), from
/// <c>--offset</c> for at most <c>--limit</c> tracks: no message over a page, memory of one page whatever the name's size.
/// </summary>
internal static class ResultsCommand
{
    /// <summary>What to print of a result: the summary, or its tracks from <paramref name="Offset"/>, at most <paramref name="Limit"/>.</summary>
    /// <param name="Tracks">List every track's entity or failure (one line each) instead of the summary tables.</param>
    /// <param name="Offset">First track listed (with <paramref name="Tracks"/>), in the result's order: entities' tracks, then failures.</param>
    /// <param name="Limit">Most tracks listed; null: all from <paramref name="Offset"/>.</param>
    /// <param name="PageSize">Tracks read per call (1 to <see cref="NameResultPages.MaxPageSize"/>).</param>
    internal sealed record View(bool Tracks = false, int Offset = 0, int? Limit = null, int PageSize = NameResultPages.MaxPageSize);

    public static Command Create()
    {
        var name = new Argument<string>("name") { Description = "The artist name as credited (any spelling with the same normalised key)." };
        var tracks = new Option<bool>("--tracks") { Description = "List every track's entity or failure, one per line, read a page at a time (for names of any size)." };
        var offset = new Option<int>("--offset") { Description = "With --tracks: the first track listed (0 = the first; the line 'next: --offset N' gives where to go on).", DefaultValueFactory = _ => 0 };
        var limit = new Option<int?>("--limit") { Description = "With --tracks: list at most this many tracks (default: all from --offset)." };
        var command = new Command("results", "Show the entities proposed for an artist name, each track's entity, confidences and failed tracks.") { name, tracks, offset, limit };
        var target = PipelineTarget.AddOptions(command);
        command.SetAction((parse, cancellationToken) => RunAsync(parse.GetRequiredValue(name), target(parse), Console.Out, cancellationToken,
            new View(parse.GetValue(tracks), parse.GetValue(offset), parse.GetValue(limit))));
        return command;
    }

    /// <returns>0 when the name has a result, 1 otherwise, 2 for a bad option.</returns>
    public static async Task<int> RunAsync(string name, PipelineTarget target, TextWriter output, CancellationToken cancellationToken, View? view = null)
    {
        view ??= new View();
        if (view.Offset < 0 || view.Limit is < 1 || view.PageSize is < 1 or > NameResultPages.MaxPageSize)
        {
            await output.WriteLineAsync("error: --offset must be 0 or more and --limit 1 or more; run 'disambig results --help'.");
            return 2;
        }
        await using var pipeline = await target.OpenAsync(cancellationToken);
        return await WriteAsync(pipeline.Grains.GetGrain<IArtistNameGrain>(ArtistNameKey.From(name)), name, view, output, cancellationToken);
    }

    /// <summary>Prints the result of <paramref name="grain"/> as <paramref name="view"/> asks.</summary>
    /// <returns>0 when the name has a result, 1 otherwise.</returns>
    internal static async Task<int> WriteAsync(IArtistNameGrain grain, string name, View view, TextWriter output, CancellationToken cancellationToken)
    {
        var result = await grain.GetResult();
        if (result is null)
        {
            await output.WriteLineAsync($"error: no result for '{name}': the name is not in the catalog or no sweep has completed it.");
            return 1;
        }
        if (!view.Tracks)
        {
            Write(result, output);
            return 0;
        }
        WriteHeadline(result, SweepProgressView.ConsoleFor(output));
        await WriteTracksAsync(grain, view, output, cancellationToken);
        return 0;
    }

    /// <summary>
    /// Lists tracks <c>view.Offset</c> onwards (at most <c>view.Limit</c>), one line each (<c>TRACK_ID&lt;TAB&gt;entity N</c>
    /// or <c>TRACK_ID&lt;TAB&gt;failed: REASON: MESSAGE</c>), writing each page before asking the next; ends with
    /// <c>next: --offset N</c> when tracks are left.
    /// </summary>
    private static async Task WriteTracksAsync(IArtistNameGrain grain, View view, TextWriter output, CancellationToken cancellationToken)
    {
        var left = view.Limit ?? int.MaxValue;
        int? offset = view.Offset;
        while (offset is { } at && left > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var page = await grain.GetAssignments(at, Math.Min(view.PageSize, left));
            foreach (var assignment in page.Assignments)
            {
                await output.WriteLineAsync(assignment.Failure is { } failure
                    ? $"{assignment.TrackId}\tfailed: {failure.Reason}: {failure.Message}"
                    : $"{assignment.TrackId}\tentity {assignment.Entity}");
            }
            await output.FlushAsync(cancellationToken);
            left -= page.Assignments.Count;
            offset = page.Assignments.Count == 0 ? null : page.NextOffset;
        }
        if (offset is { } next) await output.WriteLineAsync($"next: --offset {next}");
    }

    private static void WriteHeadline(NameResult result, IAnsiConsole console) =>
        console.MarkupLine($"[bold]{Markup.Escape(result.DisplayName)}[/]: {result.Decision}, {result.Entities.Count} entities, "
            + $"{NameResultPages.TrackCount(result)} tracks, split confidence {result.SplitConfidence:0.00} (model {Markup.Escape(result.Model.Version)}, "
            + $"threshold {result.Model.Threshold:0.###}, sweep {Markup.Escape(result.SweepId)})");

    /// <summary>Prints a name's result: decision, entities, split probability, an unsure split's proposal, failures.</summary>
    internal static void Write(NameResult result, TextWriter output)
    {
        var console = SweepProgressView.ConsoleFor(output);
        WriteHeadline(result, console);
        var table = new Table().AddColumns("Entity", "Confidence", "Tracks");
        foreach (var entity in result.Entities)
        {
            table.AddRow(entity.Entity.ToString(), entity.Confidence.ToString("0.00"),
                Markup.Escape(string.Join(", ", entity.TrackIds) + (entity.Tracks > entity.TrackIds.Count ? $", … ({entity.Tracks} in all)" : "")));
        }
        console.Write(table);
        if (result.Paged)
            console.MarkupLine($"A big name: only its first tracks are listed above; --tracks lists all {NameResultPages.TrackCount(result)} a page at a time (--offset, --limit).");
        if (result.SplitProbability is { } probability)
            console.MarkupLine($"Probability that the split is right: {probability:0.00} (least applied: {result.Model.SplitProbability?.MinSplitProbability:0.00}).");
        if (result.UnsureSplit)
        {
            console.MarkupLine($"[bold]Flagged for review[/]: kept whole, its split was not confident enough; proposed split into {result.ProposedSplit!.Count} "
                + $"(review: {result.ReviewState}; a curator applies it with the dashboard's 'Accept proposed split', action accept-split):");
            var proposal = new Table().AddColumns("Part", "Tracks");
            foreach (var part in result.ProposedSplit!)
            {
                proposal.AddRow(part.Entity.ToString(), Markup.Escape(string.Join(", ", part.TrackIds) + (part.Tracks > part.TrackIds.Count ? $", … ({part.Tracks} in all)" : "")));
            }
            console.Write(proposal);
        }
        foreach (var failure in result.Failures)
        {
            console.WriteLine($"failed: {failure}");
        }
        if (result.FailureCount is { } failed && failed > result.Failures.Count) console.WriteLine($"… {failed} failed tracks in all (--tracks lists them).");
    }
}
