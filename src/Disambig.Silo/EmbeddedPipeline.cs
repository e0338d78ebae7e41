using Disambig.Audio;
using Disambig.Dashboard;
using Disambig.Silo.Health;
using Disambig.Embedding.Inference;
using Disambig.Grains.Hosting;
using Disambig.Grains.Placement;
using Disambig.Grains.Services;
using Disambig.Storage;
using Microsoft.Extensions.Logging;

namespace Disambig.Silo;

/// <summary>The folders of the embedded default under one work folder.</summary>
/// <param name="Root">The work folder.</param>
public sealed record WorkFolder(string Root)
{
    /// <summary>Grain state (sweeps, names, track-vector cache).</summary>
    public string State => Path.Combine(Root, "state");

    /// <summary>Training catalogs (labelled), each a folder with <c>catalog.jsonl</c> and its audio.</summary>
    public string Datasets => Path.Combine(Root, "datasets");

    /// <summary>Model checkpoints, <c>{version}/model.bin</c> and <c>meta.json</c>.</summary>
    public string Models => Path.Combine(Root, "models");

    /// <summary>Results: <c>names/</c> and <c>sweeps/</c>.</summary>
    public string Results => Path.Combine(Root, "results");

    /// <summary>The pipeline's stores over these folders and the catalog's audio folder.</summary>
    public PipelineStores Stores(string catalogFolder) =>
        new(new LocalFolderBlobStore(catalogFolder), new LocalFolderBlobStore(Datasets), new LocalFolderBlobStore(Models), new LocalFolderBlobStore(Results));
}

/// <summary>Settings of the embedded default: one in-process silo with every role and local folders only.</summary>
public sealed class EmbeddedPipelineSettings
{
    /// <summary>Work folder for state, models and results (see <see cref="WorkFolder"/>). Required.</summary>
    public required string WorkFolder { get; init; }

    /// <summary>Root folder of the catalog's audio. Required.</summary>
    public required string CatalogFolder { get; init; }

    /// <summary>Audio front end settings but the segment length, which each model gives. Default: <see cref="AudioOptions"/>'s.</summary>
    public AudioOptions Audio { get; init; } = new();

    /// <summary>Batching of the model service. Default: <see cref="EmbeddingServiceOptions"/>'s.</summary>
    public EmbeddingServiceOptions Inference { get; init; } = new();

    /// <summary>Sweep concurrency and pacing; null keeps the defaults of <see cref="PipelineOptions"/>.</summary>
    public Action<PipelineOptions>? Pipeline { get; init; }

    /// <summary>Logging of the silo (default: none).</summary>
    public Action<ILoggingBuilder>? Logging { get; init; }

    /// <summary>
    /// The HTTP endpoint (dashboard page, JSON API, Orleans dashboard, metrics, health), configured from
    /// <see cref="DashboardOptions"/>'s defaults; null (the default) serves nothing.
    /// </summary>
    public Action<DashboardOptions>? Http { get; init; }

    /// <summary>
    /// Last changes to the silo, after every other registration (tests: the bench stubs in place of the compute
    /// services and the catalog's audio, <see cref="Bench.BenchSiloExtensions.AddDisambigBench"/>); null: none.
    /// </summary>
    public Action<ISiloBuilder>? Silo { get; init; }
}

/// <summary>Starts the embedded default: <c>disambig run</c> and the CLI's other commands without a cluster.</summary>
public static class EmbeddedPipeline
{
    public static Task<EmbeddedSilo> StartAsync(EmbeddedPipelineSettings settings, CancellationToken cancellationToken)
    {
        var work = new WorkFolder(settings.WorkFolder);
        var stores = work.Stores(settings.CatalogFolder);
        return EmbeddedSilo.StartAsync(
            configureServices: settings.Http is null ? null : services => services.AddDisambigReadiness(),
            configureLogging: settings.Logging,
            configureHttp: settings.Http,
            configureSilo: silo =>
            {
                silo.UseDisambigRoles(SiloRoles.All)
                    .UseInMemoryReminderService()
                    .AddDisambigLocalFolderStorage(work.State)
                    .AddDisambigPipeline(stores, settings.Pipeline)
                    .BindDisambigPipelineOptions()
                    .AddDisambigCompute(settings.Audio, settings.Inference);
                settings.Silo?.Invoke(silo);
            },
            cancellationToken: cancellationToken);
    }
}
