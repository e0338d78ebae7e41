using Disambig.Vectors;
using Disambig.Grains.Hosting;
using Disambig.Grains.Services;
using Disambig.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Serialization;
using Orleans.Storage;

namespace Disambig.Silo.Bench;

/// <summary>
/// Registers the benchmark switches of <see cref="BenchOptions"/> on a silo process. Nothing is registered when the
/// section is absent or every switch is off, which is the case of every deployment.
/// </summary>
public static class BenchSiloExtensions
{
    /// <summary>Path of the sizes endpoint (<see cref="BenchOptions.MeasureSizes"/>).</summary>
    public const string SizesPath = "/bench/sizes";

    /// <summary>
    /// Reads <see cref="BenchOptions.SectionName"/> of <paramref name="configuration"/>; when a switch is on, registers
    /// the stubs (<see cref="BenchOptions.StubAudio"/>) in place of the compute services and the catalog audio, and the
    /// size recorders (<see cref="BenchOptions.MeasureSizes"/>). Call after the pipeline and compute registrations.
    /// </summary>
    public static ISiloBuilder AddDisambigBench(this ISiloBuilder builder, IConfiguration configuration)
    {
        var bench = Read(configuration);
        if (!bench.Enabled) return builder;
        var services = builder.Services;
        services.AddOptions<BenchOptions>().Bind(configuration.GetSection(BenchOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<BenchOptions>, BenchOptionsValidator>();
        if (bench.LocalStoreFolder.Length > 0)
        {
            // The validator refuses a relative folder at start; until then, resolve it as given.
            var root = Path.GetFullPath(bench.LocalStoreFolder);
            services.Remove(Registered(services, GrainStorage.Name));
            builder.AddDisambigLocalFolderStorage(Path.Combine(root, "state"));
            IBlobStore Folder(string name) => new LocalFolderBlobStore(Path.Combine(root, name));
            services.AddSingleton(new PipelineStores(Folder("catalog"), Folder("datasets"), Folder("models"), Folder("results")));
        }
        if (bench.MeasureSizes)
        {
            // Before the stubs: the counts are of the real stores (the stub catalog's synthetic audio is no storage).
            var sizes = new BenchSizes();
            services.AddSingleton(sizes);
            services.AddSingleton<IIncomingGrainCallFilter, MessageSizeFilter>();
            var storage = Registered(services, GrainStorage.Name);
            services.Remove(storage);
            services.AddKeyedSingleton<IGrainStorage>(GrainStorage.Name, (provider, key) => new SizeRecordingGrainStorage(
                Create(storage, provider, key), provider.GetRequiredService<Serializer>(), sizes));
            var stores = Stores(services);
            services.AddSingleton(new PipelineStores(CountingBlobStore.Over(stores.Catalog, "catalog", sizes), CountingBlobStore.Over(stores.Datasets, "datasets", sizes),
                CountingBlobStore.Over(stores.Models, "models", sizes), CountingBlobStore.Over(stores.Results, "results", sizes)));
            var containerPrefix = configuration[$"{ClusterSiloSettings.SectionName}:{nameof(ClusterSiloSettings.ContainerPrefix)}"] ?? "";
            services.AddSingleton(new StorageRequestCounter(sizes, containerPrefix));
        }
        if (bench.StubAudio)
        {
            services.AddSingleton<ITrackFeatures, StubTrackFeatures>();
            services.AddSingleton<ISegmentEmbedder, StubSegmentEmbedder>();
            var stores = Stores(services);
            services.AddSingleton(stores with { Catalog = new StubCatalogStore(stores.Catalog) });
        }
        return builder;
    }

    /// <summary>Maps <c>GET /bench/sizes</c> when <see cref="BenchOptions.MeasureSizes"/> is on; nothing otherwise.</summary>
    public static WebApplication MapDisambigBench(this WebApplication app)
    {
        if (Read(app.Configuration).MeasureSizes)
            app.MapGet(SizesPath, (BenchSizes sizes) => Results.Json(sizes.Report()));
        return app;
    }

    private static BenchOptions Read(IConfiguration configuration) =>
        configuration.GetSection(BenchOptions.SectionName).Get<BenchOptions>() ?? new BenchOptions();

    private static PipelineStores Stores(IServiceCollection services) =>
        services.LastOrDefault(d => d.ServiceType == typeof(PipelineStores))?.ImplementationInstance as PipelineStores
        ?? throw new InvalidOperationException("AddDisambigBench must follow AddDisambigPipeline: no pipeline stores are registered.");

    private static ServiceDescriptor Registered(IServiceCollection services, string name) =>
        services.LastOrDefault(d => d.IsKeyedService && d.ServiceType == typeof(IGrainStorage) && Equals(d.ServiceKey, name))
        ?? throw new InvalidOperationException($"AddDisambigBench must follow the grain storage '{name}': none is registered.");

    private static IGrainStorage Create(ServiceDescriptor registered, IServiceProvider provider, object? key) =>
        registered.KeyedImplementationInstance as IGrainStorage
        ?? (IGrainStorage?)registered.KeyedImplementationFactory?.Invoke(provider, key)
        ?? (IGrainStorage)ActivatorUtilities.CreateInstance(provider, registered.KeyedImplementationType!);
}
