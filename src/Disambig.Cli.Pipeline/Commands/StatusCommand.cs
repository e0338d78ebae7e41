using System.CommandLine;
using Disambig.Grains;

namespace Disambig.Cli.Pipeline;

/// <summary><c>disambig status SWEEP</c>: a sweep's live progress (resuming it if its silo had stopped).</summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var sweepId = new Argument<string>("sweep") { Description = "The sweep id (printed when the sweep starts)." };
        var command = new Command("status", "Show a sweep's live progress: names done/failed/in flight, tracks embedded/cached/failed, rate, ETA.") { sweepId };
        var target = PipelineTarget.AddOptions(command);
        command.SetAction((parse, cancellationToken) => RunAsync(parse.GetRequiredValue(sweepId), target(parse), Console.Out, cancellationToken));
        return command;
    }

    /// <returns>0 once the sweep is complete, 1 when no such sweep exists.</returns>
    public static async Task<int> RunAsync(string sweepId, PipelineTarget target, TextWriter output, CancellationToken cancellationToken)
    {
        await using var pipeline = await target.OpenAsync(cancellationToken);
        var progress = await pipeline.Grains.GetGrain<ISweepGrain>(sweepId).GetProgress();
        if (progress.State == SweepState.NotStarted)
        {
            var known = await pipeline.Grains.GetGrain<ISweepSchedulerGrain>(SweepScheduler.DefaultKey).ListSweeps();
            await output.WriteLineAsync($"error: no sweep '{sweepId}'. Known sweeps: {(known.Count == 0 ? "none" : string.Join(", ", known))}.");
            return 1;
        }
        await SweepProgressView.FollowAsync(SweepProgressView.ConsoleFor(output), pipeline.Grains, sweepId, cancellationToken);
        return 0;
    }
}
