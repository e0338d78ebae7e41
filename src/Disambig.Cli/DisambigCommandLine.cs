using System.CommandLine;
using System.CommandLine.Parsing;
using Disambig.Cli.Commands;
using Disambig.Cli.Pipeline;

namespace Disambig.Cli;

/// <summary>
/// The <c>disambig</c> command line: every command under one root, so tests parse exactly what users type. The pipeline
/// commands (Disambig.Cli.Pipeline: run, sweep, ingest, status, results, export, catalog upload, job, model list|use|register)
/// reach the pipeline through the grain contracts and the silo host; the lab commands (here: dataset, train, eval,
/// features, cluster, model describe, demo-catalog) work over the libraries.
/// </summary>
internal static class DisambigCommandLine
{
    /// <summary>
    /// Runs <c>disambig</c> with <paramref name="args"/>: a command line that does not parse, and whatever escapes a
    /// command (a wrong connection string, storage or cluster down), is one line on <paramref name="error"/> naming the
    /// problem, secrets masked, and a non-zero exit (2: the command line; 1: the command failed; 130: interrupted);
    /// never a stack trace.
    /// </summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var parse = Create().Parse(args);
        if (parse.Errors.Count > 0)
        {
            await error.WriteLineAsync(CliErrors.Redact(
                $"error: {string.Join(" ", parse.Errors.Select(e => e.Message.TrimEnd('.') + "."))} See '{CommandPath(parse)} --help'."));
            return 2;
        }
        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false, Output = output, Error = error });
        }
        catch (OperationCanceledException)
        {
            await error.WriteLineAsync("Interrupted.");
            return 130;
        }
        catch (Exception e)
        {
            return await CliErrors.ReportAsync(error, e);
        }
    }

    /// <summary>The command the user typed, e.g. <c>disambig job submit</c>.</summary>
    private static string CommandPath(ParseResult parse)
    {
        var names = new List<string>();
        for (SymbolResult? result = parse.CommandResult; result is CommandResult { Parent: not null } command; result = command.Parent)
        {
            names.Insert(0, command.Command.Name);
        }
        return string.Join(' ', ["disambig", .. names]);
    }

    public static RootCommand Create()
    {
        var root = new RootCommand("Disambig: split the artists hidden behind one name in a music catalog, from audio alone.");
        Command[] commands =
        [
            RunCommand.Create(),
            SweepCommand.Create(),
            IngestCommand.Create(),
            StatusCommand.Create(),
            ResultsCommand.Create(),
            ExportCommand.Create(),
            AliasesCommand.Create(),
            DatasetCommand.Create(),
            EvalCommand.Create(),
            DemoCatalogCommand.Create(),
            ClusterCommand.Create(),
            FeaturesCommand.Create(),
            ModelCommand.Create(),
            TrainCommand.Create(),
            CatalogUploadCommand.Create(),
            JobCommand.Create(),
        ];
        foreach (var command in commands)
        {
            root.Subcommands.Add(command);
        }
        return root;
    }
}
