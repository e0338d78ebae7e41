using System.CommandLine;
using Disambig.Catalog;
using Disambig.Catalog.Demo;
using Disambig.Evaluation;
using Disambig.Grains;
using Disambig.Silo;
using Disambig.Storage;
using Spectre.Console;

namespace Disambig.Cli.Pipeline;

/// <summary>
/// <c>disambig run</c>: the main job on the embedded default (an in-process silo with every role). Without a catalog it
/// generates the demo catalog (with homonym groups) and a separate labelled training catalog, trains a small model on
/// the trainer grain, sweeps every name, and prints per name the entities found against the truth (ARI, AMI).
/// </summary>
internal static class RunCommand
{
    /// <summary>Where the training catalog lives in the datasets store.</summary>
    public const string TrainingDataset = "demo-training/" + DemoCatalogGenerator.CatalogFileName;

    /// <summary>What a run does.</summary>
    /// <param name="Work">Work folder (state, datasets, models, results; the demo catalog when none is given).</param>
    /// <param name="Catalog">A local catalog: a folder holding catalog.jsonl and the audio, or that catalog.jsonl file; null for the generated demo catalog.</param>
    /// <param name="TrainingSteps">Training steps of the small model.</param>
    /// <param name="Seed">Seed of the demo catalogs and the training.</param>
    /// <param name="DashboardUrl">Where to serve the dashboard while the run lasts, or <see cref="PipelineTarget.NoDashboard"/>.</param>
    /// <param name="Model">A checkpoint folder (as <c>disambig train</c> writes) to sweep with instead of training the small model; null to train.</param>
    public sealed record Settings(string Work, string? Catalog, int TrainingSteps, ulong Seed, string DashboardUrl = PipelineTarget.NoDashboard, string? Model = null);

    public static Command Create()
    {
        var work = PipelineTarget.WorkOption();
        var catalog = new Option<string?>("--catalog")
        {
            Description = "Catalog to disambiguate: a local folder holding catalog.jsonl and its audio, or that catalog.jsonl file; default: a generated demo catalog in the work folder.",
        };
        var steps = new Option<int>("--training-steps") { Description = "Training steps of the small model (when the work folder has none yet).", DefaultValueFactory = _ => 300 };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the demo catalogs and of the training.", DefaultValueFactory = _ => 1 };
        var model = new Option<string?>("--model")
        {
            Description = "A trained checkpoint folder (model.bin and meta.json with its calibrated threshold, e.g. OUT/models/VERSION of 'disambig train' then 'disambig eval') to sweep with; default: train the small model on the synthetic training catalog.",
        };
        var dashboard = PipelineTarget.DashboardOption();
        var command = new Command("run", "The main job on an in-process silo holding every role: demo catalog, small model, full sweep, results against the truth.")
        {
            work, catalog, steps, seed, model, dashboard,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            new Settings(parse.GetRequiredValue(work), parse.GetValue(catalog), parse.GetValue(steps), parse.GetValue(seed), parse.GetRequiredValue(dashboard), parse.GetValue(model)),
            Console.Out, cancellationToken));
        return command;
    }

    /// <returns>0 on success, 1 when training failed.</returns>
    public static async Task<int> RunAsync(Settings settings, TextWriter output, CancellationToken cancellationToken)
    {
        var console = SweepProgressView.ConsoleFor(output);
        var work = new WorkFolder(Path.GetFullPath(settings.Work));
        var (catalogFolder, catalogFile) = LocateCatalog(work.Root, settings.Catalog);
        var given = settings.Model is null ? null : new ModelRegistryCommands.Registration(settings.Model, Threshold: null, MakeCurrent: true);
        // A model given is checked before anything is generated or started: a wrong folder fails at once, by name.
        if (given is not null) await ModelRegistryCommands.CheckAsync(given, cancellationToken);
        if (settings.Catalog is null) await GenerateAsync(console, "demo catalog", DemoOptions(settings.Seed + 1, artists: 16, homonymGroups: 3, aliasArtists: 2), catalogFolder, cancellationToken);
        if (given is null) await GenerateAsync(console, "training catalog", DemoOptions(settings.Seed, artists: 24, homonymGroups: 4), Path.Combine(work.Datasets, "demo-training"), cancellationToken);
        var catalog = await TrackCatalog.LoadAsync(catalogFile, cancellationToken);

        await using var pipeline = await new PipelineTarget(work.Root, catalogFolder, ClusterConnection: null, settings.DashboardUrl).OpenAsync(cancellationToken);
        await SweepProgressView.AnnounceDashboardAsync(output, pipeline);
        await pipeline.Grains.IngestAsync(catalog.Tracks);
        var model = given is not null
            ? (await ModelRegistryCommands.ImportAsync(given, new LocalFolderBlobStore(work.Models), pipeline.Grains, cancellationToken)).Info
            : await pipeline.Grains.GetGrain<IModelRegistryGrain>(ModelRegistry.DefaultKey).GetCurrent()
                ?? await TrainAsync(console, pipeline.Grains, settings, cancellationToken);
        if (model is null) return 1;
        console.MarkupLine($"Model [bold]{Markup.Escape(model.Version)}[/], calibrated threshold {model.Threshold:0.###}.");

        var started = await pipeline.Grains.GetGrain<ISweepSchedulerGrain>(SweepScheduler.DefaultKey).StartFullSweep();
        var progress = await SweepProgressView.FollowAsync(console, pipeline.Grains, started.SweepId, cancellationToken);
        await PrintResultsAsync(console, pipeline.Grains, catalog);
        await PrintAliasesAsync(console, pipeline.Grains, catalog, started.SweepId, cancellationToken);
        console.WriteLine($"Report: {Path.Combine(work.Results, progress.ReportName!)}");
        return 0;
    }

    /// <summary>The catalog root folder and the catalog file of <c>--catalog</c> (a folder or its catalog.jsonl), or of the demo catalog.</summary>
    /// <exception cref="CliUsageException">The catalog given does not exist.</exception>
    internal static (string Folder, string File) LocateCatalog(string work, string? catalog)
    {
        if (catalog is not null && File.Exists(catalog))
        {
            var file = Path.GetFullPath(catalog);
            return (Path.GetDirectoryName(file)!, file);
        }
        var folder = PipelineTarget.CatalogFolder(work, catalog);
        var inFolder = Path.Combine(folder, DemoCatalogGenerator.CatalogFileName);
        if (catalog is not null && !File.Exists(inFolder))
            throw new CliUsageException($"--catalog {catalog}: no such catalog file, nor a folder holding {DemoCatalogGenerator.CatalogFileName}.");
        return (folder, inFolder);
    }

    /// <summary>The demo catalogs' shape: short tracks, 3 s segments, so that a run takes minutes on 2 cores.</summary>
    /// <remarks>
    /// The demo catalog also holds two alias artists (each credited under two names, albums alternating), drawn after
    /// everything else so that the other names are the same catalog as before; the training catalog holds none. Each
    /// alias artist has 12 tracks over 4 albums, so each of its names has 6 tracks from 2 albums: with 3 tracks of one
    /// album a name, the production of that one album set the name's centroid as much as the artist did.
    /// </remarks>
    private static DemoCatalogOptions DemoOptions(ulong seed, int artists, int homonymGroups, int aliasArtists = 0) => new()
    {
        AliasArtists = aliasArtists,
        AliasTracksPerArtist = 12,
        AliasAlbumsPerArtist = 4,
        Artists = artists,
        TracksPerArtist = 6,
        AlbumsPerArtist = 2,
        MinTrackSeconds = 10,
        MaxTrackSeconds = 14,
        HomonymGroups = homonymGroups,
        Seed = seed,
    };

    /// <summary>Writes a demo catalog unless its catalog file is already there (a rerun reuses it).</summary>
    private static async Task GenerateAsync(IAnsiConsole console, string what, DemoCatalogOptions options, string folder, CancellationToken cancellationToken)
    {
        if (File.Exists(Path.Combine(folder, DemoCatalogGenerator.CatalogFileName))) return;
        await console.Progress().StartAsync(async context =>
        {
            var bar = context.AddTask($"Generating the {what}", maxValue: 1);
            var progress = new Progress<DemoCatalogProgress>(p =>
            {
                bar.MaxValue = p.TracksTotal;
                bar.Value = p.TracksDone;
            });
            await DemoCatalogGenerator.GenerateAsync(options, folder, progress, cancellationToken);
            bar.Value = bar.MaxValue;
        });
    }

    /// <summary>
    /// Segment length of the model <c>disambig run</c> trains: 3 s keeps the demo within minutes on 2 cores. The model
    /// records it, and the sweep follows the model.
    /// </summary>
    private const int DemoSegmentSeconds = 3;

    /// <summary>Trains on the trainer grain, showing its steps; null (after printing why) when the job failed.</summary>
    private static async Task<ModelVersionInfo?> TrainAsync(IAnsiConsole console, IGrainFactory grains, Settings settings, CancellationToken cancellationToken)
    {
        var trainer = grains.GetGrain<ITrainerGrain>($"demo-seed{settings.Seed}");
        var request = new TrainingJobRequest(TrainingDataset, $"demo-d32-{DemoSegmentSeconds}s-seed{settings.Seed}", settings.TrainingSteps, settings.Seed, MakeCurrent: true, DemoSegmentSeconds);
        var status = await trainer.Start(request);
        await console.Progress().StartAsync(async context =>
        {
            var bar = context.AddTask("Training the model", maxValue: request.Steps);
            while (status.State == TrainingJobState.Running)
            {
                bar.Value = status.StepsDone;
                // The loss is NaN until the first step has run.
                bar.Description = double.IsNaN(status.Loss) ? "Training the model" : $"Training the model (loss {status.Loss:0.000})";
                await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
                status = await trainer.GetStatus();
            }
            bar.Value = bar.MaxValue;
        });
        if (status.State == TrainingJobState.Completed) return status.Model;
        console.WriteLine($"error: training failed: {status.Error}");
        return null;
    }

    /// <summary>
    /// Waits for the alias run the sweep triggered, lists its suggestions and scores them against the truth: each
    /// entity stands for the true artist of most of its tracks, and entities of one artist under different names are
    /// the true aliases (<see cref="AliasTruth"/>).
    /// </summary>
    private static async Task PrintAliasesAsync(IAnsiConsole console, IGrainFactory grains, TrackCatalog catalog, string sweepId, CancellationToken cancellationToken)
    {
        var job = grains.GetGrain<IAliasJobGrain>(AliasJobs.DefaultKey);
        var status = await job.GetStatus();
        while (!status.HasFinished(sweepId))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
            status = await job.GetStatus();
        }
        if (status.Error is { } error)
        {
            console.WriteLine($"Aliases: the alias run failed: {error}");
            return;
        }
        var suggestions = new List<AliasCandidate>();
        string? cursor = null;
        do
        {
            var page = await job.List(cursor, AliasJobs.MaxPageSize);
            suggestions.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        var table = new Table().AddColumns("Entity", "Possibly the same artist as", "Probability", "Distance", "Same true artist");
        var truth = catalog.Tracks.Where(t => t.TrueArtistId is not null).ToDictionary(t => t.TrackId, t => t.TrueArtistId!);
        var entities = (await grains.ReadAllResultsAsync()).Select(r => r.Result).OfType<Disambig.Grains.NameResult>()
            .SelectMany(result => result.Entities.Select(e => new ScoredEntity(AliasEntityIds.Of(result.NameKey, e.Entity), result.NameKey, e.TrackIds)))
            .ToList();
        foreach (var s in suggestions)
        {
            var same = AliasTruth.Score(entities, truth, [(s.Left.EntityId, s.Right.EntityId)]).Correct == 1;
            table.AddRow(Markup.Escape($"{s.Left.DisplayName} #{s.Left.Entity}"), Markup.Escape($"{s.Right.DisplayName} #{s.Right.Entity}"),
                s.Probability.ToString("0.00") + (s.LowEvidence ? " (low evidence)" : ""), s.Distance.ToString("0.000"), same ? "yes" : "no");
        }
        if (suggestions.Count > 0) console.Write(table);
        var scores = AliasTruth.Score(entities, truth, suggestions.Select(s => (s.Left.EntityId, s.Right.EntityId)));
        console.WriteLine($"Aliases: {scores.Proposed} suggested over {status.Entities} entities; {scores.Correct} correct of {scores.TruePairs} true alias pairs; "
            + $"precision {(scores.Proposed == 0 ? "n/a (none proposed)" : scores.Precision.ToString("0.00"))}, "
            + $"recall {(scores.TruePairs == 0 ? "n/a (no true alias pair in the catalog)" : scores.Recall.ToString("0.00"))}.");
    }

    /// <summary>Per name: tracks, true artists, entities found, ARI and AMI against the truth; then the means over homonym names.</summary>
    private static async Task PrintResultsAsync(IAnsiConsole console, IGrainFactory grains, TrackCatalog catalog)
    {
        var truth = catalog.Tracks.Where(t => t.TrueArtistId is not null).ToDictionary(t => t.TrackId, t => t.TrueArtistId!);
        var table = new Table().AddColumns("Name", "Tracks", "True artists", "Entities", "ARI", "AMI", "Split confidence", "Split probability", "Failed");
        var homonymScores = new List<TruthScore>();
        var flagged = 0;
        foreach (var name in catalog.Names)
        {
            if (await grains.GetGrain<IArtistNameGrain>(name.Key).GetResult() is not { } result) continue;
            var score = TruthScore.Of([.. result.Entities.Select(entity => entity.TrackIds)], truth);
            if (score.TrueArtists > 1) homonymScores.Add(score);
            if (result.UnsureSplit) flagged++;
            var probability = result.SplitProbability?.ToString("0.00") ?? "-";
            table.AddRow(Markup.Escape(name.DisplayName), name.Tracks.Count.ToString(), score.TrueArtists.ToString(),
                score.Entities.ToString() + (result.UnsureSplit ? $" (unsure split into {result.ProposedSplit!.Count}: review)" : ""),
                score.Ari.ToString("0.00"), score.Ami.ToString("0.00"), result.SplitConfidence.ToString("0.00"), probability, result.Failures.Count.ToString());
        }
        console.Write(table);
        console.WriteLine($"Names kept whole and flagged for review (split less probable than the model's least): {flagged}.");
        if (homonymScores.Count > 0)
        {
            console.WriteLine($"Homonym names: {homonymScores.Count}; split into exactly their true artists: {homonymScores.Count(s => s.Ari >= 1 - 1e-9)}; "
                + $"mean ARI {homonymScores.Average(s => s.Ari):0.00}, mean AMI {homonymScores.Average(s => s.Ami):0.00}.");
        }
    }
}
