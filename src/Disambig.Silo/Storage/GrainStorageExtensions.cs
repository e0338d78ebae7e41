using Azure.Storage.Blobs;
using Disambig.Grains.Hosting;
using Disambig.Silo.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;

namespace Disambig.Silo;

/// <summary>Backs the pipeline's one grain storage name (<see cref="GrainStorage.Name"/>) in the embedded default.</summary>
public static class GrainStorageExtensions
{
    /// <summary>Grain state as files under <paramref name="folder"/>: kept across runs of the embedded silo.</summary>
    public static ISiloBuilder AddDisambigLocalFolderStorage(this ISiloBuilder builder, string folder)
    {
        var root = Path.GetFullPath(folder);
        Directory.CreateDirectory(root);
        builder.Services.AddGrainStorage(GrainStorage.Name, (services, _) => new LocalFolderGrainStorage(root, services.GetRequiredService<Serializer>()));
        return builder;
    }

    /// <summary>Grain state as blobs of the container <paramref name="containerName"/> (created when missing): a cluster's silos share it.</summary>
    public static ISiloBuilder AddDisambigAzureBlobStorage(this ISiloBuilder builder, string storageConnection, string containerName) =>
        builder.AddDisambigAzureBlobStorage(new BlobServiceClient(storageConnection), containerName);

    /// <summary>
    /// Grain state as blobs of the container <paramref name="containerName"/> of <paramref name="service"/> (key or
    /// identity access), in the Orleans binary format of the states' <c>[GenerateSerializer]</c> contracts, as the
    /// local folder storage writes them. The provider's default JSON serializer writes states it cannot read back (a
    /// name grain reactivated on another silo after its silo was killed failed with a JsonSerializationException).
    /// </summary>
    public static ISiloBuilder AddDisambigAzureBlobStorage(this ISiloBuilder builder, BlobServiceClient service, string containerName) =>
        builder.AddAzureBlobGrainStorage(GrainStorage.Name, (OptionsBuilder<AzureBlobStorageOptions> options) => options.Configure<Serializer>((blob, serializer) =>
        {
            blob.BlobServiceClient = service;
            blob.ContainerName = containerName;
            blob.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
        }));

    /// <summary>Grain state in memory: gone when the silo stops (tests, benchmarks).</summary>
    public static ISiloBuilder AddDisambigMemoryStorage(this ISiloBuilder builder) => builder.AddMemoryGrainStorage(GrainStorage.Name);
}
