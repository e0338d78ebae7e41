using System.CommandLine;
using Disambig.Catalog;
using Disambig.Grains;
using Spectre.Console;

namespace Disambig.Cli.Pipeline;

/// <summary>
/// <c>disambig results NAME</c>: the entities proposed for one artist name, with confidences and failed tracks, the
/// probability that its split is right, and for a name kept whole because its split was unsure, the proposed split.
/// </summary>
internal static class ResultsCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("name") { Description = "The artist name as credited (any spelling with the same normalised key)." };
        var command = new Command("results", "Show the entities proposed for an artist name, each track's entity, confidences and failed tracks.") { name };
        var target = PipelineTarget.AddOptions(command);
        command.SetAction((parse, cancellationToken) => RunAsync(parse.GetRequiredValue(name), target(parse), Console.Out, cancellationToken));
        return command;
    }

    /// <returns>0 when the name has a result, 1 otherwise.</returns>
    public static async Task<int> RunAsync(string name, PipelineTarget target, TextWriter output, CancellationToken cancellationToken)
    {
        await using var pipeline = await target.OpenAsync(cancellationToken);
        var result = await pipeline.Grains.GetGrain<IArtistNameGrain>(ArtistNameKey.From(name)).GetResult();
        if (result is null)
        {
            await output.WriteLineAsync($"error: no result for '{name}': the name is not in the catalog or no sweep has completed it.");
            return 1;
        }
        Write(result, output);
        return 0;
    }

    /// <summary>Prints a name's result: decision, entities, split probability, an unsure split's proposal, failures.</summary>
    internal static void Write(NameResult result, TextWriter output)
    {
        var console = SweepProgressView.ConsoleFor(output);
        console.MarkupLine($"[bold]{Markup.Escape(result.DisplayName)}[/]: {result.Decision}, {result.Entities.Count} entities, "
            + $"split confidence {result.SplitConfidence:0.00} (model {Markup.Escape(result.Model.Version)}, threshold {result.Model.Threshold:0.###}, sweep {Markup.Escape(result.SweepId)})");
        var table = new Table().AddColumns("Entity", "Confidence", "Tracks");
        foreach (var entity in result.Entities)
        {
            table.AddRow(entity.Entity.ToString(), entity.Confidence.ToString("0.00"), Markup.Escape(string.Join(", ", entity.TrackIds)));
        }
        console.Write(table);
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
    }
}
