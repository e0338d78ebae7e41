using System.Net;
using Disambig.Audio;
using Disambig.Dashboard;
using Disambig.Embedding.Inference;
using Disambig.Grains.Hosting;
using Disambig.Grains.Placement;
using Disambig.Grains.Services;
using Disambig.Silo.Security;
using Disambig.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;

namespace Disambig.Silo;

/// <summary>
/// A silo of a cluster: Azure Table clustering (optionally with Orleans Kubernetes hosting) and reminders, Azure blob
/// grain state and stores, roles, and the Orleans dashboard's silo services (every silo reports its grains, profiled at
/// all times).
/// </summary>
public static class ClusterSilo
{
    /// <summary>
    /// Configuration section bound to Orleans' <see cref="ClusterMembershipOptions"/> (failure detection), e.g.
    /// <c>Disambig__Membership__ProbeTimeout=00:00:02</c>.
    /// </summary>
    public const string MembershipSectionName = "Disambig:Membership";

    /// <summary>Configures <paramref name="silo"/> from validated <paramref name="settings"/>.</summary>
    public static ISiloBuilder UseDisambigCluster(this ISiloBuilder silo, ClusterSiloSettings settings)
    {
        settings.Validate();
        var storage = ClusterStorage.Parse(settings.StorageConnection);
        // Kubernetes hosting first: our ClusterOptions, registered after its ORLEANS_* reading, win; and it fills the
        // advertised address from POD_IP only when none is set, which ConfigureEndpoints below always does.
        if (settings.Clustering == ClusterSiloSettings.KubernetesClustering) silo.UseKubernetesHosting();
        silo.Configure<ClusterOptions>(options =>
        {
            options.ClusterId = settings.ClusterId;
            options.ServiceId = settings.ServiceId;
        });
        silo.ConfigureEndpoints(IPAddress.Parse(settings.AdvertisedAddress), settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: false);
        silo.UseAzureStorageClustering(options => options.TableServiceClient = storage.TableService());
        // How fast a lost silo is declared dead (its activations, names and tracks are then redone elsewhere):
        // Orleans' defaults unless Disambig:Membership:* says otherwise (docs/operations.md, "A silo lost for good").
        silo.Services.AddOptions<ClusterMembershipOptions>().Bind(silo.Configuration.GetSection(MembershipSectionName));
        silo.UseAzureTableReminderService(options => options.TableServiceClient = storage.TableService());
        return silo
            .UseDisambigTls(settings)
            .AddDisambigAzureBlobStorage(storage.BlobService(), settings.ContainerPrefix + "state")
            .AddDisambigOrleansDashboard()
            .UseDisambigRoles(SiloRoles.Parse(settings.Roles))
            .AddDisambigPipeline(Stores(settings))
            .BindDisambigPipelineOptions()
            .AddDisambigCompute(AudioOptionsBinding.Read(silo.Configuration), new EmbeddingServiceOptions())
            .BindDisambigInference();
    }

    /// <summary>The pipeline's stores as blob containers named with <see cref="ClusterSiloSettings.ContainerPrefix"/>.</summary>
    public static PipelineStores Stores(ClusterSiloSettings settings)
    {
        var service = ClusterStorage.Parse(settings.StorageConnection).BlobService();
        IBlobStore Container(string name) => new AzureBlobStore(service.GetBlobContainerClient(settings.ContainerPrefix + name));
        return new PipelineStores(Container("catalog"), Container("datasets"), Container("models"), Container("results"));
    }
}
