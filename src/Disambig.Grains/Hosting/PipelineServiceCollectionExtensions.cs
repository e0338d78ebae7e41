using Disambig.Audio;
using Disambig.Embedding.Inference;
using Disambig.Grains.Aliases;
using Disambig.Grains.Hosting;
using Disambig.Grains.Services;
using Disambig.Grains.Telemetry;
using Disambig.Vectors;
using Disambig.Vectors.Training;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Orleans.Hosting;

/// <summary>Registers the pipeline's grains' services on a silo.</summary>
public static class PipelineServiceCollectionExtensions
{
    /// <summary>
    /// The orchestration services every silo needs: options (validated at start), the stores, catalog audio and result
    /// writing. The compute services come from <see cref="AddDisambigCompute(ISiloBuilder, AudioOptions, EmbeddingServiceOptions)"/>
    /// or, in tests, from doubles registered directly.
    /// </summary>
    public static ISiloBuilder AddDisambigPipeline(this ISiloBuilder builder, PipelineStores stores, Action<PipelineOptions>? configure = null)
    {
        builder.Services.AddDisambigPipeline(stores, configure);
        // The silo's grain-location cache is bounded by PipelineOptions.DirectoryCacheSize, not by the catalog.
        builder.Services.AddOptions<GrainDirectoryOptions>()
            .Configure<IOptions<PipelineOptions>>((directory, pipeline) => directory.CacheSize = pipeline.Value.DirectoryCacheSize);
        return builder;
    }

    /// <inheritdoc cref="AddDisambigPipeline(ISiloBuilder, PipelineStores, Action{PipelineOptions}?)"/>
    public static IServiceCollection AddDisambigPipeline(this IServiceCollection services, PipelineStores stores, Action<PipelineOptions>? configure = null)
    {
        services.AddOptions<PipelineOptions>()
            .Configure(options => configure?.Invoke(options))
            .ValidateOnStart();
        services.AddOptions<CurationOptions>()
            .BindConfiguration(CurationOptions.SectionName)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PipelineOptions>, PipelineOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CurationOptions>, CurationOptionsValidator>());
        services.TryAddSingleton<IClusterRoles, SingleSiloRoles>();
        services.AddSingleton(stores);
        services.AddSingleton<CatalogAudio>();
        services.AddSingleton<ResultStore>();
        services.AddSingleton<Disambig.Grains.Sweeps.SweepBlobs>();
        services.TryAddSingleton(_ => new CpuWorkScheduler(Environment.ProcessorCount));
        services.AddDisambigAliases();
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<PipelineMetrics>();
        return services;
    }

    /// <summary>
    /// The alias job's services: <see cref="AliasJobOptions"/> bound from <c>Disambig:Aliases</c> and validated at start,
    /// and the suggestions' blob store.
    /// </summary>
    public static IServiceCollection AddDisambigAliases(this IServiceCollection services, Action<AliasJobOptions>? configure = null)
    {
        services.AddOptions<AliasJobOptions>()
            .BindConfiguration(AliasJobOptions.SectionName)
            .Configure(options => configure?.Invoke(options))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AliasJobOptions>, AliasJobOptionsValidator>());
        services.TryAddSingleton<AliasStore>();
        return services;
    }

    /// <summary>
    /// The compute services: decoding and mel on this silo's thread pool, the model service (loaded lazily, so only
    /// inference-role silos, where inference grains are placed, ever load a model), and training (used by trainer grains,
    /// placed on trainer-role silos only). <paramref name="inference"/> gives the model service's starting options
    /// (device, largest pass, precision); later <c>Configure</c> or <c>Bind</c> calls on
    /// <c>OptionsBuilder&lt;EmbeddingServiceOptions&gt;</c> override them, and they are validated at start.
    /// </summary>
    public static ISiloBuilder AddDisambigCompute(this ISiloBuilder builder, AudioOptions audio, EmbeddingServiceOptions inference)
    {
        builder.Services.AddDisambigCompute(audio, inference);
        return builder;
    }

    /// <inheritdoc cref="AddDisambigCompute(ISiloBuilder, AudioOptions, EmbeddingServiceOptions)"/>
    public static IServiceCollection AddDisambigCompute(this IServiceCollection services, AudioOptions audio, EmbeddingServiceOptions inference)
    {
        audio.Validate();
        inference.Validate();
        services.AddSingleton(audio);
        services.AddSingleton<ITrackFeatures>(services =>
            new AudioTrackFeatures(audio, services.GetRequiredService<IOptions<PipelineOptions>>().Value.FeatureConcurrency));
        services.AddOptions<EmbeddingServiceOptions>()
            .Configure(options =>
            {
                options.Device = inference.Device;
                options.MaxBatchSegments = inference.MaxBatchSegments;
                options.MaxWait = inference.MaxWait;
                options.Precision = inference.Precision;
            })
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EmbeddingServiceOptions>, EmbeddingServiceOptionsValidator>());
        services.AddSingleton(services => services.GetRequiredService<IOptions<EmbeddingServiceOptions>>().Value);
        services.AddSingleton<ISegmentEmbedder>(services =>
            new CheckpointSegmentEmbedder(services.GetRequiredService<PipelineStores>().Models, services.GetRequiredService<EmbeddingServiceOptions>()));
        services.AddSingleton<ITrainingRunner>(services =>
        {
            var stores = services.GetRequiredService<PipelineStores>();
            return new CatalogTrainingRunner(stores.Datasets, stores.Models, services.GetRequiredService<ITrackFeatures>(), services.GetRequiredService<TimeProvider>());
        });
        return services;
    }
}
