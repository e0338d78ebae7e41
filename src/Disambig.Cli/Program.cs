using System.CommandLine;
using Disambig.Cli.Commands;

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
];
foreach (var command in commands)
{
    root.Subcommands.Add(command);
}
return await root.Parse(args).InvokeAsync();
