using System.CommandLine;
using Disambig.Grains;

namespace Disambig.Cli.Pipeline;

/// <summary><c>disambig sweep</c>: a full-catalog sweep on the embedded silo (or a cluster), followed live.</summary>
internal static class SweepCommand
{
    public static Command Create()
    {
        var command = new Command("sweep", "Disambiguate every name of the ingested catalog with the current model, with live progress.");
        var target = PipelineTarget.AddOptions(command);
        var dashboard = PipelineTarget.DashboardOption();
        command.Options.Add(dashboard);
        command.SetAction((parse, cancellationToken) =>
            RunAsync(target(parse) with { DashboardUrl = parse.GetRequiredValue(dashboard) }, Console.Out, cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(PipelineTarget target, TextWriter output, CancellationToken cancellationToken)
    {
        await using var pipeline = await target.OpenAsync(cancellationToken);
        await SweepProgressView.AnnounceDashboardAsync(output, pipeline);
        var started = await pipeline.Grains.GetGrain<ISweepSchedulerGrain>(SweepScheduler.DefaultKey).StartFullSweep();
        var progress = await SweepProgressView.FollowAsync(SweepProgressView.ConsoleFor(output), pipeline.Grains, started.SweepId, cancellationToken);
        await output.WriteLineAsync($"Report: {progress.ReportName} in {pipeline.ResultsLocation}");
        return 0;
    }
}
