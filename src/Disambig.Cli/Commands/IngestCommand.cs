using System.CommandLine;
using Disambig.Catalog;
using Disambig.Grains;
using Disambig.Grains.Catalog;

namespace Disambig.Cli.Commands;

/// <summary>
/// <c>disambig ingest --releases FILE.jsonl</c>: adds new tracks to the catalog and sweeps only the names they touch,
/// reusing every cached vector. The file lies inside the catalog root; its audio paths are relative to its folder.
/// </summary>
internal static class IngestCommand
{
    public static Command Create()
    {
        var releases = new Option<string>("--releases") { Description = "JSON Lines file of new tracks (catalog.jsonl format) inside the catalog root.", Required = true };
        var command = new Command("ingest", "Add new releases to the catalog and sweep just the names they touch.") { releases };
        var target = SweepCommand.AddTargetOptions(command);
        command.SetAction((parse, cancellationToken) => RunAsync(parse.GetRequiredValue(releases), target(parse), Console.Out, cancellationToken));
        return command;
    }

    /// <returns>0 on success, 2 when the file is invalid or outside the catalog root.</returns>
    public static async Task<int> RunAsync(string releases, SweepCommand.Target target, TextWriter output, CancellationToken cancellationToken)
    {
        var root = SweepCommand.CatalogFolder(target.Work, target.Catalog);
        var folder = Path.GetRelativePath(root, Path.GetDirectoryName(Path.GetFullPath(releases))!).Replace(Path.DirectorySeparatorChar, '/');
        if (folder.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(folder))
        {
            await output.WriteLineAsync($"error: {releases} is not inside the catalog root {root}; its audio could not be found by the silos.");
            return 2;
        }
        IReadOnlyList<CatalogTrack> tracks;
        try
        {
            tracks = await CatalogJsonLines.ReadFileAsync(releases, cancellationToken);
        }
        catch (CatalogFormatException e)
        {
            await output.WriteLineAsync($"error: {e.Message}");
            return 2;
        }
        await using var pipeline = await SweepCommand.OpenAsync(target, cancellationToken);
        var summary = await pipeline.Grains.GetGrain<ICatalogGrain>(CatalogKeys.Default)
            .Ingest(CatalogEntries.From(tracks, folder == "." ? "" : folder + "/"));
        await output.WriteLineAsync($"Ingested {summary.TracksAdded} new or changed tracks touching {summary.TouchedNames.Count} names.");
        if (summary.TouchedNames.Count == 0) return 0;
        var started = await pipeline.Grains.GetGrain<ISweepSchedulerGrain>(SweepScheduler.DefaultKey).StartNamesSweep(summary.TouchedNames);
        await SweepCommand.FollowAsync(SweepCommand.ConsoleFor(output), pipeline.Grains, started.SweepId, cancellationToken);
        return 0;
    }
}
