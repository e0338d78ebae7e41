using Disambig.Grains;
using Disambig.Silo;
using Spectre.Console;

namespace Disambig.Cli.Pipeline;

/// <summary>What the pipeline commands show: where the dashboard is, and a sweep's live progress.</summary>
internal static class SweepProgressView
{
    /// <summary>Prints where the embedded silo serves its dashboard, if it serves one.</summary>
    public static async Task AnnounceDashboardAsync(TextWriter output, PipelineConnection pipeline)
    {
        foreach (var url in pipeline.DashboardUrls)
        {
            await output.WriteLineAsync($"Dashboard: {url.TrimEnd('/')}/ (Orleans dashboard: {url.TrimEnd('/')}/orleans/)");
        }
    }

    /// <summary>A Spectre console writing to <paramref name="output"/>.</summary>
    public static IAnsiConsole ConsoleFor(TextWriter output) =>
        AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });

    /// <summary>Shows a sweep's progress bar until it completes: names done/failed/in flight, tracks embedded/cached/failed, rate, ETA.</summary>
    /// <exception cref="CliUsageException">No sweep <paramref name="sweepId"/> was started.</exception>
    public static async Task<SweepProgress> FollowAsync(IAnsiConsole console, IGrainFactory grains, string sweepId, CancellationToken cancellationToken)
    {
        var sweep = grains.GetGrain<ISweepGrain>(sweepId);
        var progress = await sweep.GetProgress();
        if (progress.State == SweepState.NotStarted) throw new CliUsageException($"no sweep '{sweepId}' was started.");
        await console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var bar = context.AddTask(Describe(progress), maxValue: Math.Max(1, progress.NamesTotal));
                while (true)
                {
                    bar.Description = Describe(progress);
                    bar.Value = progress.NamesFinished;
                    if (progress.IsFinished) break;
                    await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
                    progress = await sweep.GetProgress();
                }
            });
        console.WriteLine(Describe(progress));
        return progress;
    }

    private static string Describe(SweepProgress p)
    {
        var eta = p.EstimatedTimeLeft is { } left ? $", ETA {left:hh\\:mm\\:ss}" : "";
        var waiting = p.State == SweepState.WaitingForInference ? " [waiting for an inference silo]" : "";
        return Markup.Escape(
            $"{p.SweepId}: names {p.NamesDone} done, {p.NamesFailed} failed, {p.NamesInFlight} in flight of {p.NamesTotal}; "
            + $"tracks {p.TracksEmbedded} embedded, {p.TracksCached} cached, {p.TracksFailed} failed; {p.NamesPerSecond:0.0} names/s{eta}{waiting}");
    }
}
