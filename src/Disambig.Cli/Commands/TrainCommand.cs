using System.CommandLine;
using System.Globalization;
using Disambig.Datasets;
using Disambig.Embedding.Checkpoints;
using Disambig.Embedding.Data;
using Disambig.Embedding.Networks;
using Disambig.Embedding.Sampling;
using Disambig.Embedding.Training;
using Disambig.Storage;
using Disambig.Vectors.Training;
using Spectre.Console;

namespace Disambig.Cli.Commands;

/// <summary>
/// <c>disambig train</c>: trains the metric network (triplet loss, section 3) or the classifier baseline on a prepared
/// dataset, saving a resumable checkpoint at every validation; rerunning the same command continues an interrupted
/// run. The best weights are published as <c>{out}/models/{version}/</c> (model.bin + meta.json).
/// </summary>
internal static class TrainCommand
{
    /// <summary>The parsed options of one run.</summary>
    public sealed record TrainRequest(
        NetworkKind Kind,
        int? Dim,
        int SegmentSeconds,
        TrainingConfig Config,
        int? Epochs,
        string Dataset,
        string TrainSplit,
        string ValidationSplit,
        double ValidationArtists,
        string Output,
        int Threads,
        string? Version = null,
        string? DatasetBlobConnection = null,
        string DatasetContainer = "datasets",
        MetricHead Head = MetricHead.TimeAverage);

    public static Command Create()
    {
        var defaults = new TrainingConfig();
        var kind = new Option<string>("--kind") { Description = "metric (Table 1, triplet loss) or classifier (Park et al. baseline).", DefaultValueFactory = _ => "metric" };
        kind.AcceptOnlyFromAmong("metric", "classifier");
        var dim = new Option<int?>("--dim") { Description = "Embedding size d of the metric network: 32 (default) or 256; the classifier's is 256." };
        var seconds = new Option<int>("--segment-seconds") { Description = "Segment length of the dataset: 9 (388 frames) or 3 (130 frames).", DefaultValueFactory = _ => 9 };
        var head = new Option<string>("--head") { Description = "Metric network head: time (the paper's text: average over time, the default) or channels (Table 1 as printed: average over the filters).", DefaultValueFactory = _ => "time" };
        head.AcceptOnlyFromAmong("time", "channels");
        var artists = new Option<int>("--artists-per-batch") { Description = "N: artists per batch.", DefaultValueFactory = _ => defaults.ArtistsPerBatch };
        var samples = new Option<int>("--samples-per-artist") { Description = "n: segments per artist and batch.", DefaultValueFactory = _ => defaults.SamplesPerArtist };
        var sideInfo = new Option<double>("--side-info-p") { Description = "p: probability of preferring a negative that shares a tag with the anchor.", DefaultValueFactory = _ => defaults.SideInformationP };
        var augment = new Option<bool>("--augment") { Description = "Augment training segments against production cues: a random equaliser (±6 dB at 5 points) and tilt (±6 dB) per segment, 2 time masks and 1 band mask of up to 10 % (off by default)." };
        var steps = new Option<int>("--steps") { Description = "Parameter updates at most.", DefaultValueFactory = _ => defaults.MaxSteps };
        var epochs = new Option<int?>("--epochs") { Description = "Instead of --steps: passes over the training segments (one step sees N x n segments)." };
        var validationInterval = new Option<int>("--validation-interval") { Description = "Steps between validations and checkpoints.", DefaultValueFactory = _ => defaults.ValidationInterval };
        var patience = new Option<int>("--patience") { Description = "Validations without improvement before early stopping.", DefaultValueFactory = _ => defaults.Patience };
        var seed = new Option<int>("--seed") { Description = "Seed of the initial weights, batches and dropout noise.", DefaultValueFactory = _ => defaults.Seed };
        var dataset = new Option<string>("--dataset") { Description = "Prepared dataset folder (from 'disambig dataset build'): a build with train/ and early-stopping/, or one split.", Required = true };
        var datasetConnection = new Option<string?>("--dataset-blob-connection") { Description = "Azure Storage connection string: read the dataset from a blob container; --dataset is then its folder there (\"/\" for the root)." };
        var datasetContainer = new Option<string>("--dataset-container") { Description = "Blob container of the dataset (with --dataset-blob-connection).", DefaultValueFactory = _ => "datasets" };
        var trainSplit = new Option<string>("--train-split") { Description = "Training split of a build (e.g. train-cut-down for a balanced classifier).", DefaultValueFactory = _ => "train" };
        var validationSplit = new Option<string>("--validation-split") { Description = "Early-stopping split of a build.", DefaultValueFactory = _ => "early-stopping" };
        var validationArtists = new Option<double>("--validation-artists") { Description = "Without an early-stopping split: share of training artists held out for validation.", DefaultValueFactory = _ => 0.1 };
        var output = new Option<string>("--out") { Description = "Output folder: training/ (resumable state) and models/{version}/.", Required = true };
        var threads = new Option<int>("--threads") { Description = "Torch CPU threads (0: torch's default).", DefaultValueFactory = _ => 0 };
        var version = new Option<string?>("--version") { Description = "Version id of the published model, its folder's name (default: kind, d, segment length, time and a unique suffix)." };

        var command = new Command("train", "Train an embedding network with RMSProp and early stopping; resumable.")
        {
            kind, dim, seconds, head, artists, samples, sideInfo, augment, steps, epochs, validationInterval, patience, seed,
            dataset, datasetConnection, datasetContainer, trainSplit, validationSplit, validationArtists, output, threads, version,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(new TrainRequest(
            parse.GetRequiredValue(kind) == "classifier" ? NetworkKind.Classifier : NetworkKind.Metric,
            parse.GetValue(dim),
            parse.GetValue(seconds),
            defaults with
            {
                ArtistsPerBatch = parse.GetValue(artists),
                SamplesPerArtist = parse.GetValue(samples),
                SideInformationP = parse.GetValue(sideInfo),
                Augmentation = parse.GetValue(augment) ? new MelAugmentation() : null,
                MaxSteps = parse.GetValue(steps),
                ValidationInterval = parse.GetValue(validationInterval),
                Patience = parse.GetValue(patience),
                Seed = parse.GetValue(seed),
            },
            parse.GetValue(epochs),
            parse.GetRequiredValue(dataset),
            parse.GetRequiredValue(trainSplit),
            parse.GetRequiredValue(validationSplit),
            parse.GetValue(validationArtists),
            parse.GetRequiredValue(output),
            parse.GetValue(threads),
            parse.GetValue(version),
            parse.GetValue(datasetConnection),
            parse.GetRequiredValue(datasetContainer),
            parse.GetRequiredValue(head) == "channels" ? MetricHead.ChannelAverage : MetricHead.TimeAverage), Console.Out, cancellationToken));
        return command;
    }

    /// <returns>0 when a model was published; 2 for invalid options, data or checkpoints; 3 when training collapsed; 130 when interrupted.</returns>
    public static async Task<int> RunAsync(TrainRequest request, TextWriter output, CancellationToken cancellationToken)
    {
        var opened = new List<IDisposable>();
        try
        {
            var frames = CheckShape(request);
            var data = await OpenAsync(request, opened, cancellationToken);
            if (data.Training.Frames != frames)
                throw new ArgumentException($"The dataset's segments have {data.Training.Frames} frames; {request.SegmentSeconds} s segments have {frames}.");
            var config = WithEpochs(request, data.Training).Validate();
            if (request.Threads > 0) TorchSharp.torch.set_num_threads(request.Threads);

            var spec = request.Kind == NetworkKind.Metric
                ? NetworkSpec.PaperMetric(request.Dim ?? 32, frames) with { Head = request.Head }
                : NetworkSpec.PaperClassifier(frames, data.Training.Labels.ArtistCount);
            var store = new LocalFolderBlobStore(request.Output);
            var checkpoints = new TrainingCheckpoints(store, ModelTraining.Provenance(request.SegmentSeconds));
            if (await checkpoints.HasSavedRunAsync(cancellationToken))
                await output.WriteLineAsync($"Resuming the run saved in {Path.GetFullPath(Path.Combine(request.Output, "training"))}.");
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Training {request.Kind.ToString().ToLowerInvariant()} d = {spec.Dim} on {data.Training.Labels.SegmentCount} segments of {data.Training.Labels.ArtistCount} artists "
                + $"(validation: {data.Validation.Labels.SegmentCount} segments of {data.Validation.Labels.ArtistCount} artists), up to {config.MaxSteps} steps; "
                + $"checkpoints in {Path.GetFullPath(request.Output)}."));

            var metric = ModelTraining.MetricName;
            var trained = await ShowProgressAsync(output, config.MaxSteps, metric, progress => ModelTraining.TrainAsync(
                new TrainingPlan(spec, config, request.SegmentSeconds, request.Version), data, new ModelCheckpointStore(store, "models/"),
                checkpoints, progress, TimeProvider.System, cancellationToken));
            var (result, version) = (trained.Result, trained.Metadata.Version);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Stopped after {result.Steps} steps ({(result.Stop == TrainingStop.EarlyStopping ? "early stopping" : "step limit")}); "
                + $"best validation {metric} {result.BestValidation:0.0000} at step {result.BestStep}."));
            await output.WriteLineAsync($"Model {version}: {Path.Combine(Path.GetFullPath(request.Output), "models", version)}");
            return 0;
        }
        catch (Exception e) when (e is ArgumentException or FormatException or DatasetFormatException or CheckpointException)
        {
            await output.WriteLineAsync($"error: {e.Message}");
            return 2;
        }
        catch (EmbeddingCollapsedException e)
        {
            await output.WriteLineAsync($"error: {e.Message}");
            return 3;
        }
        catch (OperationCanceledException)
        {
            await output.WriteLineAsync("Interrupted; run the same command again to resume from the last checkpoint.");
            return 130;
        }
        finally
        {
            foreach (var disposable in opened) disposable.Dispose();
        }
    }

    private static int CheckShape(TrainRequest request)
    {
        if (request.SegmentSeconds is not (9 or 3))
            throw new ArgumentException($"--segment-seconds must be 9 or 3, got {request.SegmentSeconds}.");
        if (request.Kind == NetworkKind.Metric && request.Dim is not (null or 32 or 256))
            throw new ArgumentException($"--dim must be 32 or 256, got {request.Dim}.");
        if (request.Kind == NetworkKind.Classifier && request.Dim is not (null or 256))
            throw new ArgumentException("The classifier's embedding is its 256-unit hidden layer; leave out --dim or pass 256.");
        if (request.Kind == NetworkKind.Classifier && request.Head != MetricHead.TimeAverage)
            throw new ArgumentException("--head chooses the metric network's head; the classifier has none to choose.");
        if (request.Version is { } version) ModelVersionName.Validate(version, "--version");
        return MelSettings.Paper.FramesFor(request.SegmentSeconds);
    }

    private static TrainingConfig WithEpochs(TrainRequest request, ISegmentDataset training)
    {
        if (request.Epochs is not { } epochs) return request.Config;
        if (epochs < 1) throw new ArgumentException($"--epochs must be at least 1, got {epochs}.");
        var perStep = request.Config.Batch.SegmentCount;
        return request.Config with { MaxSteps = checked(epochs * ((training.Labels.SegmentCount + perStep - 1) / perStep)) };
    }

    // A build folder holds one folder per split; a split folder holds manifest.json itself.
    private static async Task<DatasetSplit> OpenAsync(TrainRequest request, List<IDisposable> opened, CancellationToken cancellationToken)
    {
        IBlobStore store = request.DatasetBlobConnection is { } connection
            ? AzureBlobStore.Connect(connection, request.DatasetContainer, request.Dataset.Trim('/') is { Length: > 0 } folder ? folder + "/" : "")
            : new LocalFolderBlobStore(request.Dataset);
        var cache = Path.Combine(request.Output, "cache");
        async Task<ShardedSegmentDataset> Open(string prefix)
        {
            var dataset = await ShardedSegmentDataset.OpenAsync(store, prefix, cache, cancellationToken);
            opened.Add(dataset);
            return dataset;
        }

        if (await store.GetInfoAsync(SegmentDatasetManifest.FileName, cancellationToken) is not null)
            return DatasetSplit.HoldOutArtists(await Open(""), request.ValidationArtists, request.Config.Seed);
        var training = await Open(request.TrainSplit.Trim('/') + "/");
        var validationPrefix = request.ValidationSplit.Trim('/') + "/";
        return await store.GetInfoAsync(validationPrefix + SegmentDatasetManifest.FileName, cancellationToken) is null
            ? DatasetSplit.HoldOutArtists(training, request.ValidationArtists, request.Config.Seed)
            : new DatasetSplit(training, await Open(validationPrefix));
    }

    private static async Task<T> ShowProgressAsync<T>(
        TextWriter output, int maxSteps, string metric, Func<IProgress<TrainingProgress>, Task<T>> train)
    {
        if (!ReferenceEquals(output, Console.Out) || Console.IsOutputRedirected || !AnsiConsole.Profile.Capabilities.Interactive)
            return await train(new Lines(output, maxSteps, metric));
        T result = default!;
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("training", maxValue: maxSteps);
                result = await train(new Bar(task, metric));
            });
        return result;
    }

    private static string Describe(TrainingProgress p, string metric)
    {
        var text = new System.Text.StringBuilder();
        var invariant = CultureInfo.InvariantCulture;
        text.Append(invariant, $"step {p.Step}  loss {p.Loss:0.0000}  kept {p.KeptFraction:P0}");
        if (p.MeanDistanceBetweenArtists is { } spread) text.Append(invariant, $"  inter-artist {spread:0.000}");
        if (p.BestValidation is { } best)
        {
            var current = p.Validation is { } v ? v.ToString("0.0000", invariant) : "-";
            text.Append(invariant, $"  {metric} {current} (best {best:0.0000})");
        }
        if (p.Collapse == CollapseState.Warning) text.Append("  WARNING: embeddings collapsing");
        return text.ToString();
    }

    /// <summary>A line at every validation, every 50 steps, and when a collapse warning starts.</summary>
    private sealed class Lines(TextWriter output, int maxSteps, string metric) : IProgress<TrainingProgress>
    {
        private CollapseState _last = CollapseState.Healthy;

        public void Report(TrainingProgress value)
        {
            var warningStarts = value.Collapse == CollapseState.Warning && _last != CollapseState.Warning;
            _last = value.Collapse;
            if (value.Step == 1 || value.Step % 50 == 0 || value.Validation is not null || value.Step == maxSteps || warningStarts)
                output.WriteLine($"{Describe(value, metric)}  [{value.Step}/{maxSteps}]");
        }
    }

    private sealed class Bar(ProgressTask task, string metric) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
            task.Value = value.Step;
            task.Description = Markup.Escape(Describe(value, metric));
        }
    }
}
