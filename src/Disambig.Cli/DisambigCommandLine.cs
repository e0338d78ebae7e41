using System.CommandLine;
using Disambig.Cli.Commands;

namespace Disambig.Cli;

/// <summary>The <c>disambig</c> command line: every command under one root, so tests parse exactly what users type.</summary>
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
