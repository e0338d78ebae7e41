using Disambig.Grains.Hosting;
using System.Globalization;
using Azure.Storage.Blobs;
using Disambig.Embedding.Inference;
using Disambig.Grains.Placement;
using Disambig.Grains.Services;
using Disambig.Silo;
using Disambig.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Disambig.Grains.Tests.Fixtures;

/// <summary>
/// Configures each test silo from the cluster's configuration: its roles from <c>Disambig:Roles:{silo name}</c> (all
/// roles when absent), grain state shared by the silos of one cluster (a local folder, or blobs of a private Azurite),
/// the demo catalog, the tiny model.
/// </summary>
public sealed class PipelineSiloConfigurator : ISiloConfigurator
{
    public const string CatalogKey = "Disambig:Catalog";
    public const string ModelsKey = "Disambig:Models";
    public const string WorkKey = "Disambig:Work";

    /// <summary>Storage account for grain state and results (containers "state" and "results"); absent: the work folder.</summary>
    public const string StorageConnectionKey = "Disambig:StorageConnection";

    /// <summary>When set, the catalog store is the <see cref="CountingBlobStore"/> of this key (shared by the cluster's silos).</summary>
    public const string CountingCatalogKey = "Disambig:CountingCatalog";

    /// <summary>When set, each silo's grain storage counts its operations in the <see cref="GrainStorageCounts"/> of this key.</summary>
    public const string CountingStateKey = "Disambig:CountingState";

    /// <summary>Pipeline options a test cluster sets beyond the ones above (e.g. <c>Disambig:TestPipeline:NameInlineTracks</c>).</summary>
    public const string TestPipelineSection = "Disambig:TestPipeline";

    public static string RolesKey(string siloName) => $"Disambig:Roles:{siloName}";

    /// <summary>The configuration key of one pipeline option under <see cref="TestPipelineSection"/>.</summary>
    public static string PipelineKey(string option) => $"{TestPipelineSection}:{option}";

    /// <summary>
    /// Sweep partitions that hold their outcomes until <paramref name="outcomes"/> are recorded (or their walk ends) and
    /// write their position only then: outcomes stay unflushed for long, as on a busy catalog.
    /// </summary>
    public static IEnumerable<KeyValuePair<string, string?>> HoldingOutcomes(int outcomes) =>
    [
        new(PipelineKey(nameof(PipelineOptions.SweepFlushOutcomes)), outcomes.ToString(CultureInfo.InvariantCulture)),
        new(PipelineKey(nameof(PipelineOptions.SweepFlushInterval)), "00:10:00"),
    ];

    public void Configure(ISiloBuilder silo)
    {
        var configuration = silo.Configuration;
        var name = configuration["Orleans:Name"] ?? throw new InvalidOperationException("The test silo has no name.");
        var roles = configuration[RolesKey(name)] ?? string.Join(',', SiloRoles.All);
        var work = new WorkFolder(configuration[WorkKey]!);
        var stores = work.Stores(configuration[CatalogKey]!) with { Models = new LocalFolderBlobStore(configuration[ModelsKey]!) };
        if (configuration[CountingCatalogKey] is { Length: > 0 } counting)
            stores = stores with { Catalog = CountingBlobStore.For(counting, stores.Catalog) };
        if (configuration[StorageConnectionKey] is { Length: > 0 } connection)
        {
            silo.AddDisambigAzureBlobStorage(connection, "state");
            stores = stores with { Results = new AzureBlobStore(new BlobServiceClient(connection).GetBlobContainerClient("results")) };
        }
        else
        {
            silo.AddDisambigLocalFolderStorage(work.State);
        }
        if (configuration[CountingStateKey] is { Length: > 0 } countingState) CountStorage(silo.Services, GrainStorageCounts.For(countingState));
        silo.UseDisambigRoles(SiloRoles.Parse(roles))
            .UseInMemoryReminderService()
            .AddDisambigPipeline(stores, options =>
            {
                options.NameWindow = 3;
                options.TracksPerName = 2;
                options.PollInterval = TimeSpan.FromMilliseconds(300);
                options.RetryDelay = TimeSpan.FromMilliseconds(200);
                options.ProgressWriteInterval = TimeSpan.Zero;
                options.SweepFlushInterval = TimeSpan.Zero;
                configuration.GetSection(TestPipelineSection).Bind(options);
            })
            .AddDisambigCompute(TinyModel.Audio, new EmbeddingServiceOptions());
    }

    /// <summary>Puts a <see cref="CountingGrainStorage"/> around the pipeline's grain storage as registered.</summary>
    private static void CountStorage(IServiceCollection services, GrainStorageCounts counts)
    {
        var registered = services.Last(d => d.IsKeyedService && d.ServiceType == typeof(IGrainStorage) && Equals(d.ServiceKey, GrainStorage.Name));
        services.Remove(registered);
        services.AddKeyedSingleton<IGrainStorage>(GrainStorage.Name, (provider, key) => new CountingGrainStorage(
            registered.KeyedImplementationInstance as IGrainStorage
            ?? (IGrainStorage?)registered.KeyedImplementationFactory?.Invoke(provider, key)
            ?? (IGrainStorage)ActivatorUtilities.CreateInstance(provider, registered.KeyedImplementationType!), counts));
    }
}
