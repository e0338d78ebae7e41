using System.CommandLine;
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
