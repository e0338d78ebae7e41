using System.CommandLine;
using System.Globalization;
using Disambig.Catalog;
using Disambig.Datasets.Recipes;
using Disambig.Embedding.Checkpoints;
using Disambig.Embedding.Inference;
using Disambig.Evaluation;

namespace Disambig.Cli.Commands;

/// <summary>
/// <c>disambig eval</c>: the paper's evaluation of one or more models on a catalog of unseen artists; writes report.md,
/// report.json and the figures, and the calibrated clustering threshold into each model's meta.json.
/// </summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var defaults = new EvaluationOptions();
        var models = new Option<string[]>("--model") { Description = "Checkpoint folder (model.bin and meta.json, named by its version); repeat for several models.", Required = true, Arity = ArgumentArity.OneOrMore };
        var catalog = new CatalogOptions("Evaluation catalog, its artists unseen in training");
        var output = new Option<string>("--out") { Description = "Folder for report.md, report.json and the figures.", Required = true };
        var datasets = new Option<string?>("--datasets") { Description = "Folder of prepared datasets, to report each model's training set (matched by dataset digest)." };
        var tracksPerArtist = new Option<int>("--tracks-per-artist") { Description = "Tracks per artist of the classification set.", DefaultValueFactory = _ => defaults.TracksPerArtist };
        var modelTracks = new Option<int>("--model-tracks") { Description = "Of those, tracks that build the artist model.", DefaultValueFactory = _ => defaults.ModelTracksPerArtist };
        var maxArtists = new Option<int?>("--max-artists") { Description = "Most artists in the classification set (default: all eligible)." };
        var maxHomonymTracks = new Option<int?>("--max-homonym-tracks") { Description = "Most tracks per artist of a homonym group (default: all)." };
        var poolHomonyms = new Option<int?>("--pool-homonyms") { Description = "Pool the catalog's known artists into homonym names, every combination of 2 to N (2 to 4) of them, instead of the credited names (default: the credited names)." };
        var maxOneArtistNames = new Option<int?>("--max-one-artist-names") { Description = "Most one-artist names (each unseen artist under its own name), drawn at random.", DefaultValueFactory = _ => defaults.MaxOneArtistNames };
        var maxOneArtistSplit = new Option<double>("--max-one-artist-split") { Description = "Largest share of one-artist names the deployed threshold may split (0 to 1).", DefaultValueFactory = _ => defaults.MaxOneArtistSplitShare };
        var minSplitProbability = new Option<double>("--min-split-probability") { Description = "Splits less probable than this are kept whole and flagged for review (0 to 1).", DefaultValueFactory = _ => defaults.MinSplitProbability };
        var folds = new Option<int>("--folds") { Description = "Cross-validation folds over homonym groups.", DefaultValueFactory = _ => defaults.Folds };
        var seed = new Option<int>("--seed") { Description = "Seed of the track draws and folds.", DefaultValueFactory = _ => defaults.Seed };
        var parallelism = new Option<int>("--parallelism") { Description = "Tracks decoded at once.", DefaultValueFactory = _ => defaults.MaxParallelism };
        var batch = new Option<int>("--batch") { Description = "Most segments per forward pass.", DefaultValueFactory = _ => defaults.MaxBatchSegments };
        var pooling = new Option<string>("--pooling") { Description = "How a track's segment vectors are pooled: mean (the paper), median or trimmed (the fifth farthest from the mean dropped).", DefaultValueFactory = _ => TrackPoolings.NameOf(defaults.Pooling) };
        pooling.AcceptOnlyFromAmong("mean", "median", "trimmed");
        var cache = new Option<string?>("--cache") { Description = "Track-vector cache folder (default: cache/ in --out)." };

        var command = new Command("eval", "Evaluate models: artist classification and verification, and homonym clustering with a cross-validated threshold.")
        {
            models, output, datasets, tracksPerArtist, modelTracks, maxArtists, maxHomonymTracks, poolHomonyms, maxOneArtistNames, maxOneArtistSplit, minSplitProbability, folds, seed, parallelism, batch, pooling, cache,
        };
        foreach (var option in catalog.All) command.Options.Add(option);
        command.SetAction((parse, cancellationToken) =>
        {
            var outFolder = parse.GetRequiredValue(output);
            var options = new EvaluationOptions
            {
                TracksPerArtist = parse.GetValue(tracksPerArtist),
                ModelTracksPerArtist = parse.GetValue(modelTracks),
                MaxArtists = parse.GetValue(maxArtists),
                MaxTracksPerHomonymArtist = parse.GetValue(maxHomonymTracks),
                PooledHomonymArtists = parse.GetValue(poolHomonyms),
                MaxOneArtistNames = parse.GetValue(maxOneArtistNames),
                MaxOneArtistSplitShare = parse.GetValue(maxOneArtistSplit),
                MinSplitProbability = parse.GetValue(minSplitProbability),
                Folds = parse.GetValue(folds),
                Seed = parse.GetValue(seed),
                MaxParallelism = parse.GetValue(parallelism),
                MaxBatchSegments = parse.GetValue(batch),
                Pooling = TrackPoolings.Parse(parse.GetRequiredValue(pooling)),
                CacheFolder = parse.GetValue(cache) ?? Path.Combine(outFolder, "cache"),
            };
            return RunAsync(options, parse.GetRequiredValue(models), catalog.Parse(parse), outFolder, parse.GetValue(datasets), Console.Out, cancellationToken);
        });
        return command;
    }

    /// <returns>0 when the report was written, 2 when an input (option, catalog, checkpoint) is invalid.</returns>
    public static async Task<int> RunAsync(
        EvaluationOptions options, IReadOnlyList<string> models, CatalogLocation catalog, string outputFolder, string? datasets, TextWriter output, CancellationToken cancellationToken)
    {
        try
        {
            options.Validate();
            var source = catalog.Open();
            var report = await StageProgress.RunAsync(output, progress => new Evaluator(options).RunAsync(
                source, models, outputFolder, datasets,
                StageProgress.Map<EvaluationProgress>(progress, p => new StageProgress.Step(p.Stage, p.Done, p.Total)), cancellationToken));
            await PrintAsync(report, outputFolder, output);
            return 0;
        }
        catch (Exception e) when (e is ArgumentException or FormatException or FileNotFoundException or CatalogFormatException or CheckpointException or UnsafeCatalogPathException)
        {
            await output.WriteLineAsync($"error: {e.Message}");
            return 2;
        }
    }

    private static async Task PrintAsync(EvaluationReport report, string outputFolder, TextWriter output)
    {
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Classification set: {report.ClassificationSet.Artists} artists, {report.ClassificationSet.Tracks} tracks, {report.ClassificationSet.Hours:0.00} h; "
            + $"homonym set: {report.HomonymGroups} groups, {report.HomonymSet.Artists} artists, {report.HomonymSet.Tracks} tracks, {report.HomonymSet.Hours:0.00} h."));
        foreach (var m in report.Models)
        {
            var c = m.Classification;
            var h = m.Clustering;
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"  {m.Label}: accuracy {(c is null ? "-" : $"{c.Accuracy:P1}")}, EER {(c is null ? "-" : $"{c.EqualErrorRate:P1}")}, "
                + $"ARI {(h is null ? "-" : $"{h.MeanAri:0.000}")}, AMI {(h is null ? "-" : $"{h.MeanAmi:0.000}")}, "
                + $"one-artist names split {(h is null || h.OneArtistNames == 0 ? "-" : $"{h.OneArtistSplitShare:P1} of {h.OneArtistNames}")}, ECE {(h is null ? "-" : $"{h.ExpectedCalibrationError:0.000}")}, "
                + $"flagged {(h is null ? "-" : h.FlaggedForReview)}, threshold {(h is null ? "-" : $"{h.Threshold:0.000} (written to meta.json)")}"));
            await output.WriteLineAsync(m.Aliases is { } a
                ? string.Create(CultureInfo.InvariantCulture,
                    $"    aliases ({a.Source}, {a.Entities} entities of {a.Artists} artists): held-out precision {a.HeldOut.Precision:0.000}, recall {a.HeldOut.Recall:0.000} ({a.HeldOut.Correct} of {a.HeldOut.TruePairs} true pairs, {a.HeldOut.Proposed} proposed) at threshold {a.Threshold:0.000}")
                : "    aliases: fewer than two artists embedded");
        }
        if (report.Skipped.Count > 0) await output.WriteLineAsync($"  {report.Skipped.Count} tracks skipped (see report.md).");
        await output.WriteLineAsync($"Report: {Path.Combine(Path.GetFullPath(outputFolder), EvaluationReport.MarkdownFileName)}");
    }
}
