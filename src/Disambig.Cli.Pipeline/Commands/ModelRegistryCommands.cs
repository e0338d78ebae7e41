using System.CommandLine;
using System.Globalization;
using Disambig.Embedding.Checkpoints;
using Disambig.Embedding.Networks;
using Disambig.Grains;
using Disambig.Silo;
using Disambig.Storage;

namespace Disambig.Cli.Pipeline;

/// <summary>
/// <c>disambig model list | use | register</c>: the cluster's model registry. <c>use</c> makes a registered version
/// current (and so rolls back); <c>register</c> checks a checkpoint folder from disk, copies it into the models
/// container and registers it.
/// </summary>
internal static class ModelRegistryCommands
{
    /// <summary>A checkpoint folder to register.</summary>
    /// <param name="Folder">The folder holding model.bin and meta.json (as <c>disambig train</c> writes under models/).</param>
    /// <param name="Threshold">Ward distance threshold, when meta.json has no calibrated one (or to override it).</param>
    /// <param name="MakeCurrent">Whether the version becomes current.</param>
    public sealed record Registration(string Folder, double? Threshold, bool MakeCurrent);

    public static IEnumerable<Command> Create()
    {
        var list = new Command("list", "List the registered model versions, oldest first; the current one is marked with '*'.");
        var listCluster = ClusterTarget.AddOption(list);
        list.SetAction((parse, cancellationToken) => ListAsync(listCluster(parse), parse.InvocationConfiguration.Output, cancellationToken));

        var version = new Argument<string>("version") { Description = "A registered version ('disambig model list')." };
        var use = new Command("use", "Make a registered version current: the next sweep uses it (a rollback when it is an older one).") { version };
        var useCluster = ClusterTarget.AddOption(use);
        use.SetAction((parse, cancellationToken) => UseAsync(parse.GetRequiredValue(version), useCluster(parse), parse.InvocationConfiguration.Output, cancellationToken));

        var folder = new Option<string>("--from") { Description = "Checkpoint folder (model.bin and meta.json), e.g. OUT/models/VERSION written by 'disambig train'.", Required = true };
        var threshold = new Option<double?>("--threshold") { Description = "Ward distance threshold of the model (default: the calibrated one in meta.json)." };
        var makeCurrent = new Option<bool>("--make-current") { Description = "Make the version current once registered." };
        var register = new Command("register", "Check a checkpoint folder, copy it into the cluster's models container and register it.") { folder, threshold, makeCurrent };
        var registerCluster = ClusterTarget.AddOption(register);
        register.SetAction((parse, cancellationToken) => RegisterAsync(
            new Registration(parse.GetRequiredValue(folder), parse.GetValue(threshold), parse.GetValue(makeCurrent)),
            registerCluster(parse), parse.InvocationConfiguration.Output, cancellationToken));
        return [list, use, register];
    }

    /// <returns>0 after listing.</returns>
    public static Task<int> ListAsync(string? connection, TextWriter output, CancellationToken cancellationToken) =>
        ClusterTarget.RunAsync(connection, output, async settings =>
        {
            await using var cluster = await PipelineConnection.OpenClusterAsync(settings, cancellationToken);
            var registry = cluster.Grains.GetGrain<IModelRegistryGrain>(ModelRegistry.DefaultKey);
            var versions = await registry.List();
            var current = await registry.GetCurrent();
            if (versions.Count == 0)
            {
                await output.WriteLineAsync("No model registered yet; train one ('disambig job submit') or register a checkpoint ('disambig model register').");
                return 0;
            }
            await output.WriteLineAsync($"  {"version",-32} {"d",4} {"threshold",10} {"registered (UTC)",-17} source");
            foreach (var model in versions)
            {
                var mark = model.Version == current?.Version ? "*" : " ";
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{mark} {model.Version,-32} {model.Dimension,4} {model.Threshold,10:0.####} {model.RegisteredAt.UtcDateTime,-17:yyyy-MM-dd HH:mm} {model.Source}"));
            }
            await output.WriteLineAsync(current is null ? "No version is current." : $"Current: {current.Version}.");
            return 0;
        });

    /// <returns>0 when the version is current; 1 when it is not registered.</returns>
    public static Task<int> UseAsync(string version, string? connection, TextWriter output, CancellationToken cancellationToken) =>
        ClusterTarget.RunAsync(connection, output, async settings =>
        {
            await using var cluster = await PipelineConnection.OpenClusterAsync(settings, cancellationToken);
            var registry = cluster.Grains.GetGrain<IModelRegistryGrain>(ModelRegistry.DefaultKey);
            var versions = await registry.List();
            if (versions.FirstOrDefault(model => model.Version == version) is not { } chosen)
            {
                await output.WriteLineAsync($"error: no registered model '{version}'. Registered: {(versions.Count == 0 ? "none" : string.Join(", ", versions.Select(v => v.Version)))}.");
                return 1;
            }
            var previous = await registry.GetCurrent();
            await registry.Register(chosen, makeCurrent: true);
            await output.WriteLineAsync($"Model {version} is now current (was {previous?.Version ?? "none"}); the next sweep uses it.");
            return 0;
        });

    /// <returns>0 when registered; 1 when the checkpoint is refused (the reason named) or the cluster cannot be reached.</returns>
    public static Task<int> RegisterAsync(Registration registration, string? connection, TextWriter output, CancellationToken cancellationToken) =>
        ClusterTarget.RunAsync(connection, output, async settings =>
        {
            await CheckAsync(registration, cancellationToken);
            await using var cluster = await PipelineConnection.OpenClusterAsync(settings, cancellationToken);
            var models = ClusterSilo.Stores(settings).Models;
            var (info, metadata) = await ImportAsync(registration, models, cluster.Grains, cancellationToken);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Registered model {info.Version} ({metadata.Network.Kind.ToString().ToLowerInvariant()}, d = {metadata.Network.Dim}, {metadata.SegmentSeconds} s segments, threshold {info.Threshold:0.###}) "
                + $"from {models.Location}{info.Version}/; current: {(registration.MakeCurrent ? "yes" : "no")}."));
            return 0;
        });

    /// <summary>
    /// Checks a checkpoint folder (<see cref="CheckAsync"/>), copies it into <paramref name="models"/>, loads the copy as
    /// the silos will, and registers it in the registry of <paramref name="grains"/>: what <c>disambig model register</c>
    /// does on a cluster and <c>disambig run --model</c> on the embedded silo.
    /// </summary>
    /// <exception cref="CheckpointException">The checkpoint is missing a file, corrupt, truncated or inconsistent.</exception>
    /// <exception cref="CliUsageException">No folder, or no threshold.</exception>
    public static async Task<(ModelVersionInfo Info, CheckpointMetadata Metadata)> ImportAsync(
        Registration registration, IBlobStore models, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var (metadata, threshold) = await CheckAsync(registration, cancellationToken);
        var version = metadata.Version;
        var source = new LocalFolderBlobStore(Path.GetFullPath(registration.Folder));
        // The weights first, the metadata last: a copy without meta.json was never completed.
        foreach (var file in (string[])[ModelCheckpointStore.WeightsName, ModelCheckpointStore.MetadataName])
        {
            await using var content = await source.OpenReadAsync(file, cancellationToken);
            await models.WriteAsync($"{version}/{file}", content, cancellationToken);
        }
        using (await new ModelCheckpointStore(models).LoadAsync(version, ModelRequirements.Paper, cancellationToken))
        {
            // The copy in the container loads as the silos will load it.
        }
        var info = new ModelVersionInfo(version, threshold, metadata.Network.Dim, TimeProvider.System.GetUtcNow(), $"imported from {Path.GetFileName(Path.GetFullPath(registration.Folder))}", metadata.SegmentSeconds)
        {
            SplitProbability = SplitProbabilityOf(metadata, threshold),
            Aliases = AliasesOf(metadata),
        };
        await grains.GetGrain<IModelRegistryGrain>(ModelRegistry.DefaultKey).Register(info, registration.MakeCurrent);
        return (info, metadata);
    }

    /// <summary>
    /// The alias decision <c>disambig eval</c> calibrated for the checkpoint (its <c>meta.json</c>'s), as the registry keeps
    /// it; null when it has none (the alias job then uses its configured fallback).
    /// </summary>
    internal static AliasModelRef? AliasesOf(CheckpointMetadata metadata) =>
        metadata.Aliases is { } aliases
            ? new AliasModelRef(aliases.Threshold, aliases.Calibration.A, aliases.Calibration.B, aliases.LowEvidenceCap) { LogDistance = aliases.LogDistance }
            : null;

    /// <summary>
    /// The split probability calibrated with the checkpoint's threshold (its <c>meta.json</c>'s); null when it has none,
    /// or when <paramref name="threshold"/> (a <c>--threshold</c> given) is not the one it was fitted at.
    /// </summary>
    internal static SplitProbabilityRef? SplitProbabilityOf(CheckpointMetadata metadata, double threshold) =>
        metadata is { SplitProbability: { } p, MinSplitProbability: { } least, ClusteringThreshold: { } fitted } && fitted == threshold
            ? new SplitProbabilityRef(p.A, p.B, least)
            : null;

    /// <summary>
    /// Loads the checkpoint folder as a silo would (metadata, weights hash, network shape, requirements) and finds its
    /// threshold; nothing is copied when this throws.
    /// </summary>
    /// <remarks>
    /// The silos cut audio the model's way (its recorded segment length), so the checkpoint must only be true to
    /// itself: the paper's mel settings, and a network that takes as many frames as its recorded segments have.
    /// </remarks>
    /// <exception cref="CheckpointException">The checkpoint is missing a file, corrupt, truncated or inconsistent.</exception>
    /// <exception cref="CliUsageException">No folder, or no threshold.</exception>
    public static async Task<(CheckpointMetadata Metadata, double Threshold)> CheckAsync(Registration registration, CancellationToken cancellationToken)
    {
        var folder = Path.GetFullPath(registration.Folder.TrimEnd('/', Path.DirectorySeparatorChar));
        if (!Directory.Exists(folder)) throw new CliUsageException($"no checkpoint folder {folder}.");
        var name = Path.GetFileName(folder);
        using var loaded = await new ModelCheckpointStore(new LocalFolderBlobStore(Path.GetDirectoryName(folder)!)).LoadAsync(name, ModelRequirements.Paper, cancellationToken);
        var metadata = loaded.Metadata;
        var frames = metadata.SegmentSeconds is 9 or 3 ? metadata.Mel.FramesFor(metadata.SegmentSeconds) : -1;
        if (metadata.Network.SegmentFrames != frames)
            throw new CheckpointException(folder, metadata.Version, CheckpointFailure.Mismatch,
                $"the network takes {metadata.Network.SegmentFrames} frames per segment but meta.json records {metadata.SegmentSeconds} s segments (9 or 3 allowed)");
        ModelVersionName.Validate(metadata.Version, "the version in meta.json");
        var threshold = registration.Threshold ?? metadata.ClusteringThreshold
            ?? throw new CliUsageException($"checkpoint {metadata.Version} in {folder} has no calibrated clustering threshold in meta.json; pass --threshold.");
        if (!double.IsFinite(threshold) || threshold <= 0) throw new CliUsageException($"the threshold must be a positive distance, got {threshold}.");
        return (metadata, threshold);
    }
}
