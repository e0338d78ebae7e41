using System.Net;
using Disambig.Silo;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Disambig.Deployment.Tests;

/// <summary>
/// A silo configured with <c>Clustering=Kubernetes</c> as the chart starts it: Kubernetes hosting is on, and the
/// silo's own settings decide the cluster identity and the advertised address. Built, never started.
/// </summary>
public sealed class KubernetesHostingTests
{
    [Fact]
    public void KubernetesClustering_OrleansVariablesDisagree_TheSiloSettingsWin()
    {
        var settings = new ClusterSiloSettings
        {
            StorageConnection = "UseDevelopmentStorage=true",
            Clustering = ClusterSiloSettings.KubernetesClustering,
            ClusterId = "nightly",
            ServiceId = "catalog",
            AdvertisedAddress = "10.244.1.17",
        };
        Environment.SetEnvironmentVariable("ORLEANS_CLUSTER_ID", "from-kubernetes");
        try
        {
            var builder = Host.CreateApplicationBuilder();
            builder.UseOrleans(silo => silo.UseDisambigCluster(settings));
            using var host = builder.Build();

            var cluster = host.Services.GetRequiredService<IOptions<ClusterOptions>>().Value;
            var endpoints = host.Services.GetRequiredService<IOptions<EndpointOptions>>().Value;

            Assert.Equal(("nightly", "catalog"), (cluster.ClusterId, cluster.ServiceId));
            Assert.Equal(IPAddress.Parse("10.244.1.17"), endpoints.AdvertisedIPAddress);
            // Kubernetes hosting's own post-configuration ran: it listens on every pod interface.
            Assert.Equal(new IPEndPoint(IPAddress.Any, settings.SiloPort), endpoints.SiloListeningEndpoint);
        }
        finally
        {
            Environment.SetEnvironmentVariable("ORLEANS_CLUSTER_ID", null);
        }
    }
}
