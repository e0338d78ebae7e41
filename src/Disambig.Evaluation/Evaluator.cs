using System.Globalization;
using System.Text;
using System.Text.Json;
using Disambig.Catalog;
using Disambig.Clustering.Calibration;
using Disambig.Datasets.Recipes;
using Disambig.Embedding.Inference;

namespace Disambig.Evaluation;

/// <summary>Where an evaluation stands: the stage ("embedding", "tasks") and its items done out of the total.</summary>
public sealed record EvaluationProgress(string Stage, int Done, int Total);

/// <summary>
/// <c>disambig eval</c> as a library call: builds the evaluation sets from a catalog, embeds their tracks with every
/// model, runs classification, verification and homonym clustering, writes each model's calibrated threshold into its
/// metadata, and writes <c>report.json</c>, <c>report.md</c> and the figures.
/// </summary>
/// <param name="time">Stamps the report (default: the system clock).</param>
public sealed class Evaluator(EvaluationOptions options, TimeProvider? time = null)
{
    /// <param name="catalog">A catalog of artists unseen in training, in a local folder or a blob container.</param>
    /// <param name="modelDirectories">Checkpoint folders, each named by its model version.</param>
    /// <param name="outputFolder">Receives the report and the figures; created when missing.</param>
    /// <param name="datasetsFolder">Prepared datasets to name the models' training sets from; null to skip.</param>
    public async Task<EvaluationReport> RunAsync(
        CatalogSource catalog, IReadOnlyList<string> modelDirectories, string outputFolder, string? datasetsFolder,
        IProgress<EvaluationProgress>? progress, CancellationToken cancellationToken)
    {
        options.Validate();
        if (modelDirectories.Count == 0) throw new ArgumentException("At least one model is needed.", nameof(modelDirectories));
        var (tracks, catalogDigest) = await catalog.ReadAsync(cancellationToken);
        var classification = ClassificationSet.Build(tracks, options);
        var homonyms = HomonymSet.Build(tracks, options);
        var oneArtist = OneArtistSet.Build(tracks, options);
        var trainingSets = datasetsFolder is null
            ? new Dictionary<string, TrainingSetSize>()
            : await TrainingSets.FindAsync(datasetsFolder, cancellationToken);

        var models = new List<EvaluatedModel>();
        try
        {
            var serviceOptions = new EmbeddingServiceOptions { MaxBatchSegments = options.MaxBatchSegments };
            foreach (var directory in modelDirectories) models.Add(await EvaluatedModel.LoadAsync(directory, serviceOptions, cancellationToken));
            var needed = classification.ModelTracks.Concat(classification.TestTracks).Concat(homonyms.Groups.SelectMany(g => g.Tracks))
                .Concat(oneArtist.Names.SelectMany(n => n.Tracks)).Select(t => t.Track).ToList();
            var embedded = await new TrackEmbedder(catalog, options).EmbedAsync(
                needed, models, progress is null ? null : new Progress<(int Done, int Total)>(p => progress.Report(new EvaluationProgress("embedding", p.Done, p.Total))), cancellationToken);

            var reports = new List<ModelReport>();
            for (int m = 0; m < models.Count; m++)
            {
                progress?.Report(new EvaluationProgress("tasks", m, models.Count));
                var classified = ClassificationTask.Run(classification, embedded.Vectors[m]);
                var clustered = ClusteringTask.Run(homonyms, oneArtist, embedded.Vectors[m], options, cancellationToken);
                // A zero threshold (identical vectors) is no usable distance; the metadata keeps its previous value then.
                if (clustered is { Threshold: > 0 })
                {
                    await models[m].SaveClusteringThresholdAsync(clustered.Threshold,
                        (new SplitProbability(clustered.SplitProbabilityA, clustered.SplitProbabilityB), clustered.MinSplitProbability), cancellationToken);
                }
                var aliases = AliasTask.Run(tracks, embedded.Vectors[m], cancellationToken);
                if (aliases?.Model is { } alias) await models[m].SaveAliasCalibrationAsync(alias, cancellationToken);
                reports.Add(Describe(models[m], trainingSets, classified, clustered) with { Aliases = aliases });
            }
            progress?.Report(new EvaluationProgress("tasks", models.Count, models.Count));

            var report = new EvaluationReport(
                (time ?? TimeProvider.System).GetUtcNow(),
                catalog.Name,
                catalogDigest,
                SizeOf(classification.ModelTracks.Concat(classification.TestTracks).Select(t => (classification.Artists[t.Artist], t.Track.TrackId)), embedded),
                SizeOf(homonyms.Groups.SelectMany(g => g.Tracks.Select(t => (g.Artists[t.Artist], t.Track.TrackId))), embedded),
                homonyms.Groups.Count,
                Settings(),
                reports,
                embedded.Skipped);
            await WriteAsync(report, outputFolder, cancellationToken);
            return report;
        }
        finally
        {
            foreach (var model in models) await model.DisposeAsync();
        }
    }

    /// <summary>Writes <c>report.json</c>, the figures and <c>report.md</c> into <paramref name="folder"/>.</summary>
    public static async Task WriteAsync(EvaluationReport report, string folder, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        await File.WriteAllBytesAsync(Path.Combine(folder, EvaluationReport.JsonFileName), JsonSerializer.SerializeToUtf8Bytes(report, EvaluationReport.Json), cancellationToken);
        var figures = ReportFigures.Write(report, folder);
        await File.WriteAllTextAsync(Path.Combine(folder, EvaluationReport.MarkdownFileName), ReportMarkdown.Render(report, figures), Encoding.UTF8, cancellationToken);
    }

    private static ModelReport Describe(
        EvaluatedModel model, IReadOnlyDictionary<string, TrainingSetSize> trainingSets, ClassificationResult? classified, ClusteringResult? clustered)
    {
        var meta = model.Metadata;
        return new ModelReport(
            model.Label,
            model.Directory,
            meta.Version,
            meta.Network.Kind.ToString().ToLowerInvariant(),
            meta.Network.Dim,
            meta.SegmentSeconds,
            meta.DatasetDigest,
            trainingSets.GetValueOrDefault(meta.DatasetDigest),
            classified,
            clustered);
    }

    /// <summary>Artists, tracks and hours of the tracks that decoded.</summary>
    private static SetSize SizeOf(IEnumerable<(string Artist, string TrackId)> tracks, EmbeddedTracks embedded)
    {
        var decoded = tracks.Where(t => embedded.DurationSeconds.ContainsKey(t.TrackId)).DistinctBy(t => t.TrackId).ToList();
        return new SetSize(decoded.Select(t => t.Artist).Distinct(StringComparer.Ordinal).Count(), decoded.Count, decoded.Sum(t => embedded.DurationSeconds[t.TrackId]) / 3600);
    }

    private IReadOnlyDictionary<string, string> Settings() => new SortedDictionary<string, string>(StringComparer.Ordinal)
    {
        ["tracksPerArtist"] = Text(options.TracksPerArtist),
        ["modelTracksPerArtist"] = Text(options.ModelTracksPerArtist),
        ["maxArtists"] = options.MaxArtists is { } a ? Text(a) : "all",
        ["maxTracksPerHomonymArtist"] = options.MaxTracksPerHomonymArtist is { } t ? Text(t) : "all",
        ["pooledHomonymArtists"] = options.PooledHomonymArtists is { } p ? Text(p) : "credited names",
        ["folds"] = Text(options.Folds),
        ["maxOneArtistNames"] = options.MaxOneArtistNames is { } n ? Text(n) : "all",
        ["maxOneArtistSplitShare"] = options.MaxOneArtistSplitShare.ToString(CultureInfo.InvariantCulture),
        ["minSplitProbability"] = options.MinSplitProbability.ToString(CultureInfo.InvariantCulture),
        ["segmentsPerTrack"] = Text(options.SegmentsPerTrack),
        ["pooling"] = TrackPoolings.NameOf(options.Pooling),
        ["seed"] = Text(options.Seed),
    };

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
