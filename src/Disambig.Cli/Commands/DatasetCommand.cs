using System.CommandLine;
using System.Globalization;
using Disambig.Catalog;
using Disambig.Datasets.Recipes;
using Disambig.Storage;
using Spectre.Console;

namespace Disambig.Cli.Commands;

/// <summary><c>disambig dataset build</c>: writes the training datasets of one of the paper's recipes from a catalog.</summary>
internal static class DatasetCommand
{
    public static Command Create()
    {
        var defaults = new RecipeOptions();
        var recipe = new Option<string>("--recipe") { Description = $"Recipe: {string.Join(", ", DatasetRecipes.All)}.", Required = true };
        var catalog = new CatalogOptions("Catalog to build from");
        var output = new Option<string?>("--out") { Description = "Local folder to write the datasets to." };
        var connection = new Option<string?>("--blob-connection") { Description = "Azure Storage connection string: write to a blob container instead of --out." };
        var container = new Option<string>("--container") { Description = "Blob container (with --blob-connection).", DefaultValueFactory = _ => "datasets" };
        var prefix = new Option<string?>("--prefix") { Description = "Folder of this build in the output; default: the recipe name." };
        var artists = new Option<int?>("--artists") { Description = "Artists to draw among the eligible ones (default: all)." };
        var seed = new Option<int>("--seed") { Description = "Seed of every draw.", DefaultValueFactory = _ => defaults.Seed };
        var tracksPerArtist = new Option<int>("--tracks-per-artist") { Description = "msd-small: tracks per artist.", DefaultValueFactory = _ => defaults.TracksPerArtist };
        var trainTracks = new Option<int>("--train-tracks") { Description = "msd-small: of those, training tracks (the rest: early stopping).", DefaultValueFactory = _ => defaults.TrainTracksPerArtist };
        var excerpt = new Option<double>("--excerpt-seconds") { Description = "msd-small: excerpt length in seconds.", DefaultValueFactory = _ => defaults.ExcerptSeconds };
        var minAlbums = new Option<int>("--min-albums") { Description = "balanced: albums of --min-album-tracks or more an artist needs.", DefaultValueFactory = _ => defaults.MinAlbums };
        var minAlbumTracks = new Option<int>("--min-album-tracks") { Description = "balanced: tracks an album needs to count.", DefaultValueFactory = _ => defaults.MinTracksPerAlbum };
        var samplesPerArtist = new Option<int>("--samples-per-artist") { Description = "balanced: 9 s samples per artist before the split.", DefaultValueFactory = _ => defaults.SamplesPerArtist };
        var minTracks = new Option<int>("--min-tracks") { Description = "unbalanced, side-information: tracks an artist needs.", DefaultValueFactory = _ => defaults.MinTracksPerArtist };
        var sampleSeconds = new Option<int?>("--segment-seconds") { Description = "balanced, unbalanced, side-information: seconds per sample, 9 (default, the paper) or 3; msd-small's are 3." };
        var samplesPerTrack = new Option<int>("--samples-per-track") { Description = "unbalanced: 9 s samples per track.", DefaultValueFactory = _ => defaults.SamplesPerTrack };
        var trainFraction = new Option<double?>("--train-fraction") { Description = "Training share (default 1/3 balanced, 0.8 by artist)." };
        var earlyStoppingFraction = new Option<double?>("--early-stopping-fraction") { Description = "Early-stopping share (default 1/6 balanced, 0.1 by artist)." };
        var noTest = new Option<bool>("--no-test-split") { Description = "Do not write the test split." };
        var balanceCount = new Option<int?>("--balance-count") { Description = "unbalanced: samples per artist of the balanced versions (default: smallest for A, largest for B)." };
        var shardCapacity = new Option<int>("--shard-capacity") { Description = "Segments per shard.", DefaultValueFactory = _ => defaults.ShardCapacity };
        var parallelism = new Option<int>("--parallelism") { Description = "Tracks decoded at once.", DefaultValueFactory = _ => defaults.MaxParallelism };
        var cache = new Option<string?>("--cache") { Description = "Folder for shards downloaded from blob storage (default: a temporary folder)." };

        var build = new Command("build", "Write the train, early-stopping and test datasets of a recipe; resumable and idempotent.")
        {
            recipe, output, connection, container, prefix, artists, seed, tracksPerArtist, trainTracks, excerpt, minAlbums, minAlbumTracks,
            samplesPerArtist, minTracks, samplesPerTrack, sampleSeconds, trainFraction, earlyStoppingFraction, noTest, balanceCount, shardCapacity, parallelism, cache,
        };
        foreach (var option in catalog.All) build.Options.Add(option);
        build.SetAction((parse, cancellationToken) =>
        {
            Func<RecipeOptions> options = () => new RecipeOptions
            {
                Recipe = DatasetRecipes.Parse(parse.GetRequiredValue(recipe)),
                Artists = parse.GetValue(artists),
                Seed = parse.GetValue(seed),
                TracksPerArtist = parse.GetValue(tracksPerArtist),
                TrainTracksPerArtist = parse.GetValue(trainTracks),
                ExcerptSeconds = parse.GetValue(excerpt),
                MinAlbums = parse.GetValue(minAlbums),
                MinTracksPerAlbum = parse.GetValue(minAlbumTracks),
                SamplesPerArtist = parse.GetValue(samplesPerArtist),
                MinTracksPerArtist = parse.GetValue(minTracks),
                SamplesPerTrack = parse.GetValue(samplesPerTrack),
                SampleSeconds = parse.GetValue(sampleSeconds),
                TrainFraction = parse.GetValue(trainFraction),
                EarlyStoppingFraction = parse.GetValue(earlyStoppingFraction),
                WriteTestSplit = !parse.GetValue(noTest),
                BalanceCount = parse.GetValue(balanceCount),
                ShardCapacity = parse.GetValue(shardCapacity),
                MaxParallelism = parse.GetValue(parallelism),
            };
            var target = new OutputTarget(parse.GetValue(output), parse.GetValue(connection), parse.GetRequiredValue(container));
            return BuildAsync(options, catalog.Parse(parse), target, parse.GetValue(prefix), parse.GetValue(cache), Console.Out, cancellationToken);
        });
        var command = new Command("dataset", "Prepared training datasets.");
        command.Subcommands.Add(build);
        return command;
    }

    /// <summary>Where the datasets go: a local folder, or a blob container.</summary>
    public sealed record OutputTarget(string? Folder, string? BlobConnection, string Container);

    /// <param name="options">Builds the recipe options (parsing may throw for an unknown recipe).</param>
    /// <returns>0 when built, 2 when an input is invalid or the catalog cannot give the recipe.</returns>
    public static async Task<int> BuildAsync(
        Func<RecipeOptions> options, CatalogLocation catalog, OutputTarget target, string? prefix, string? cacheFolder, TextWriter output, CancellationToken cancellationToken)
    {
        RecipeOptions recipe;
        IBlobStore store;
        CatalogSource source;
        try
        {
            recipe = options().Validate();
            store = StoreOf(target);
            source = catalog.Open();
        }
        catch (Exception e) when (e is ArgumentException or FormatException or FileNotFoundException)
        {
            await output.WriteLineAsync($"error: {e.Message}");
            return 2;
        }

        var buildPrefix = (prefix ?? DatasetRecipes.NameOf(recipe.Recipe)).Trim('/') + "/";
        try
        {
            var report = await StageProgress.RunAsync(output, progress => DatasetBuilder.BuildFromCatalogAsync(
                source, recipe, store, buildPrefix, new AudioTrackSegmentSource(), cacheFolder ?? Path.Combine(Path.GetTempPath(), "disambig-dataset-cache"),
                StageProgress.Map<BuildProgress>(progress, p => new StageProgress.Step(p.Split, p.Done, p.Total)), cancellationToken));
            await PrintAsync(report, store, output);
            return 0;
        }
        catch (Exception e) when (e is CatalogFormatException or RecipePlanException or UnsafeCatalogPathException or BlobNotFoundException)
        {
            await output.WriteLineAsync($"error: {e.Message}");
            return 2;
        }
    }

    private static IBlobStore StoreOf(OutputTarget target) => (target.Folder, target.BlobConnection) switch
    {
        ({ } folder, null) => new LocalFolderBlobStore(folder),
        (null, { } connection) => AzureBlobStore.Connect(connection, target.Container),
        _ => throw new ArgumentException("Give exactly one of --out and --blob-connection."),
    };

    private static async Task PrintAsync(BuildReport report, IBlobStore store, TextWriter output)
    {
        await output.WriteLineAsync($"Recipe {report.Recipe} in {store.Location.TrimEnd('/')}/{report.Prefix} (report: {BuildReport.FileName}):");
        foreach (var split in report.Splits)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"  {split.Name,-16} {split.Artists,6} artists {(split.Tracks is { } t ? $"{t,7} tracks" : "              ")} {split.Segments,8} segments {split.AudioHours,8:0.00} h"
                + $"{(split.AlreadyBuilt ? "  (already built)" : "")}{(split.Skipped.Count > 0 ? $"  {split.Skipped.Count} skipped" : "")}"));
        }
        foreach (var skipped in report.Splits.SelectMany(s => s.Skipped))
        {
            await output.WriteLineAsync($"  skipped {skipped.TrackId}: {skipped.Detail}");
        }
    }
}

/// <summary>
/// Progress of a long command: a Spectre.Console bar per stage on an interactive terminal, otherwise one line per
/// tenth of each stage (logs and scripts). Shared by <c>dataset build</c> and <c>eval</c>.
/// </summary>
internal static class StageProgress
{
    /// <summary>One report: the stage, its items done and in total.</summary>
    public sealed record Step(string Stage, int Done, int Total);

    public static async Task<T> RunAsync<T>(TextWriter output, Func<IProgress<Step>, Task<T>> work)
    {
        if (!ReferenceEquals(output, Console.Out) || Console.IsOutputRedirected || !AnsiConsole.Profile.Capabilities.Interactive)
            return await work(new Lines(output));
        T result = default!;
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var tasks = new Dictionary<string, ProgressTask>();
                result = await work(new Bars(context, tasks));
            });
        return result;
    }

    /// <summary>Forwards reports of another type, converted, on the reporting thread.</summary>
    public static IProgress<T> Map<T>(IProgress<Step> target, Func<T, Step> convert) => new Mapped<T>(target, convert);

    private sealed class Mapped<T>(IProgress<Step> target, Func<T, Step> convert) : IProgress<T>
    {
        public void Report(T value) => target.Report(convert(value));
    }

    private sealed class Bars(ProgressContext context, Dictionary<string, ProgressTask> tasks) : IProgress<Step>
    {
        public void Report(Step value)
        {
            lock (tasks)
            {
                if (!tasks.TryGetValue(value.Stage, out var task)) tasks[value.Stage] = task = context.AddTask(Markup.Escape(value.Stage));
                task.MaxValue = Math.Max(1, value.Total);
                task.Value = value.Done;
            }
        }
    }

    private sealed class Lines(TextWriter output) : IProgress<Step>
    {
        private readonly Dictionary<string, int> _tenths = [];

        public void Report(Step value)
        {
            var tenth = value.Total == 0 ? 10 : 10 * value.Done / value.Total;
            lock (_tenths)
            {
                if (_tenths.TryGetValue(value.Stage, out var last) && last >= tenth) return;
                _tenths[value.Stage] = tenth;
                output.WriteLine($"{value.Stage}: {value.Done}/{value.Total}");
            }
        }
    }
}
