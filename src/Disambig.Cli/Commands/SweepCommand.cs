using System.CommandLine;
using Disambig.Grains;
using Disambig.Silo;
using Microsoft.Extensions.Configuration;
using Spectre.Console;

namespace Disambig.Cli.Commands;

/// <summary>
/// <c>disambig sweep</c>: a full-catalog sweep on the embedded silo, followed live. Also holds what the pipeline
/// commands share: the work and catalog options, opening the embedded silo, and the live sweep progress.
/// </summary>
internal static class SweepCommand
{
    public static Option<string> WorkOption() => new("--work")
    {
        Description = "Work folder of the embedded silo: grain state, datasets, models, results.",
        DefaultValueFactory = _ => "disambig-work",
    };

    public static Option<string?> CatalogOption() => new("--catalog")
    {
        Description = "Catalog root folder holding the audio (and catalog.jsonl); default: the demo catalog in the work folder.",
    };

    /// <summary>Environment variable holding the storage connection string of a cluster to use instead of the embedded silo.</summary>
    public const string ClusterVariable = "DISAMBIG_CLUSTER_CONNECTION";

    public static Option<string?> ClusterOption() => new("--cluster-connection")
    {
        Description = $"Azure Storage connection string of a running cluster (its membership table); default: ${ClusterVariable}; none: the embedded silo.",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(ClusterVariable),
    };

    /// <summary>Value of <see cref="DashboardOption"/> that serves no dashboard.</summary>
    public const string NoDashboard = "none";

    public static Option<string> DashboardOption() => new("--dashboard-url")
    {
        Description = "Where the embedded silo serves its dashboard (page, JSON API, /orleans, /metrics, /health); port 0 picks a free port; "
            + $"'{NoDashboard}' serves nothing. Beyond loopback it needs a token in Disambig__Http__BearerToken.",
        DefaultValueFactory = _ => "http://127.0.0.1:0",
    };

    /// <summary>
    /// Where a command runs: the embedded silo over a work folder and a catalog folder (serving its dashboard at
    /// <paramref name="DashboardUrl"/> when given), or a cluster.
    /// </summary>
    public sealed record Target(string Work, string? Catalog, string? ClusterConnection, string? DashboardUrl = null);

    /// <summary>Adds the target options to <paramref name="command"/> and returns a reader of them.</summary>
    public static Func<ParseResult, Target> AddTargetOptions(Command command)
    {
        var work = WorkOption();
        var catalog = CatalogOption();
        var cluster = ClusterOption();
        command.Options.Add(work);
        command.Options.Add(catalog);
        command.Options.Add(cluster);
        return parse => new Target(parse.GetRequiredValue(work), parse.GetValue(catalog), parse.GetValue(cluster));
    }

    public static Command Create()
    {
        var command = new Command("sweep", "Disambiguate every name of the ingested catalog with the current model, with live progress.");
        var target = AddTargetOptions(command);
        var dashboard = DashboardOption();
        command.Options.Add(dashboard);
        command.SetAction((parse, cancellationToken) =>
            RunAsync(target(parse) with { DashboardUrl = parse.GetRequiredValue(dashboard) }, Console.Out, cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(Target target, TextWriter output, CancellationToken cancellationToken)
    {
        await using var pipeline = await OpenAsync(target, cancellationToken);
        await AnnounceDashboardAsync(output, pipeline);
        var started = await pipeline.Grains.GetGrain<ISweepSchedulerGrain>(SweepScheduler.DefaultKey).StartFullSweep();
        var progress = await FollowAsync(ConsoleFor(output), pipeline.Grains, started.SweepId, cancellationToken);
        await output.WriteLineAsync($"Report: {progress.ReportName} in {pipeline.ResultsLocation}");
        return 0;
    }

    /// <summary>The catalog folder of a work folder when none is given: the demo catalog <c>disambig run</c> generates.</summary>
    public static string CatalogFolder(string work, string? catalog) => Path.GetFullPath(catalog ?? Path.Combine(work, "demo-catalog"));

    /// <summary>Connects to the cluster when a connection is given, else starts the embedded silo over the work and catalog folders.</summary>
    public static Task<PipelineConnection> OpenAsync(Target target, CancellationToken cancellationToken) =>
        string.IsNullOrWhiteSpace(target.ClusterConnection)
            ? PipelineConnection.OpenEmbeddedAsync(new EmbeddedPipelineSettings
            {
                WorkFolder = Path.GetFullPath(target.Work),
                CatalogFolder = CatalogFolder(target.Work, target.Catalog),
                Http = target.DashboardUrl is null or NoDashboard ? null : http => http.Urls = target.DashboardUrl,
            }, cancellationToken)
            : PipelineConnection.OpenClusterAsync(ClusterClientSettings(target.ClusterConnection), cancellationToken);

    /// <summary>
    /// The cluster client's settings: the connection given, and the cluster id, service id and container prefix the
    /// silos use, from the same <c>Disambig__</c> environment variables (defaults when unset).
    /// </summary>
    internal static ClusterSiloSettings ClusterClientSettings(string connection)
    {
        var settings = new ConfigurationBuilder().AddEnvironmentVariables().Build()
            .GetSection(ClusterSiloSettings.SectionName).Get<ClusterSiloSettings>() ?? new ClusterSiloSettings();
        settings.StorageConnection = connection;
        return settings;
    }

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
    public static async Task<SweepProgress> FollowAsync(IAnsiConsole console, IGrainFactory grains, string sweepId, CancellationToken cancellationToken)
    {
        var sweep = grains.GetGrain<ISweepGrain>(sweepId);
        var progress = await sweep.GetProgress();
        if (progress.State == SweepState.NotStarted) throw new ArgumentException($"No sweep '{sweepId}' was started.");
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
