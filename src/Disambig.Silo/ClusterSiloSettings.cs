using System.Net;
using Disambig.Grains.Placement;

namespace Disambig.Silo;

/// <summary>
/// Settings of one silo process of a cluster, from configuration (section <c>Disambig</c>) or environment variables
/// (<c>Disambig__Roles</c>, ...). The storage connection string is never logged or printed.
/// </summary>
public sealed class ClusterSiloSettings
{
    /// <summary>The configuration section these settings bind from (environment prefix <c>Disambig__</c>).</summary>
    public const string SectionName = "Disambig";

    /// <summary>Comma-separated roles of this silo (<see cref="SiloRoles"/>). Default: all roles.</summary>
    public string Roles { get; set; } = string.Join(',', SiloRoles.All);

    /// <summary>
    /// Azure Storage (blob and table): clustering, reminders, grain state, stores. Required. A connection string with
    /// an account key or SAS (Azurite, local runs), or only the service URIs (<c>BlobEndpoint=https://...;TableEndpoint=https://...</c>)
    /// for <c>DefaultAzureCredential</c> (workload identity): <see cref="Security.ClusterStorage"/>.
    /// </summary>
    public string StorageConnection { get; set; } = "";

    /// <summary>PEM certificate of mutual TLS between silos and clients; empty (default): no TLS. <see cref="Security.ClusterTls"/>.</summary>
    public string TlsCertificateFile { get; set; } = "";

    /// <summary>PEM private key of <see cref="TlsCertificateFile"/>.</summary>
    public string TlsKeyFile { get; set; } = "";

    /// <summary>PEM CA certificate peers' certificates must chain to; empty: peers must present <see cref="TlsCertificateFile"/> itself.</summary>
    public string TlsCaFile { get; set; } = "";

    /// <summary>Value of <see cref="Clustering"/>: membership in Azure Table storage, nothing else.</summary>
    public const string AzureTableClustering = "AzureTable";

    /// <summary>
    /// Value of <see cref="Clustering"/>: membership still in Azure Table storage, plus Orleans Kubernetes hosting (silo
    /// name = pod name from <c>POD_NAME</c>, defunct silos detected through the Kubernetes API).
    /// </summary>
    public const string KubernetesClustering = "Kubernetes";

    /// <summary>How the silo joins its cluster: <see cref="AzureTableClustering"/> (default) or <see cref="KubernetesClustering"/>.</summary>
    public string Clustering { get; set; } = AzureTableClustering;

    /// <summary>Orleans cluster id: silos and clients of one cluster share it. Default "disambig".</summary>
    public string ClusterId { get; set; } = "disambig";

    /// <summary>Orleans service id, stable across deployments (grain state and reminders are keyed by it). Default "disambig".</summary>
    public string ServiceId { get; set; } = "disambig";

    /// <summary>Silo-to-silo port. Default 11111; 1 to 65535.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Client gateway port. Default 30000; 1 to 65535.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>Address other silos reach this one at. Default: loopback (one machine).</summary>
    public string AdvertisedAddress { get; set; } = IPAddress.Loopback.ToString();

    /// <summary>Blob container names are this prefix followed by catalog, datasets, models, results and state. Default "disambig-".</summary>
    public string ContainerPrefix { get; set; } = "disambig-";

    /// <summary>UTC time of day of the nightly full sweep ("hh:mm"); empty for none. Default "02:00".</summary>
    public string NightlySweepUtc { get; set; } = "02:00";

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting (never echoing the connection string).</summary>
    public ClusterSiloSettings Validate()
    {
        SiloRoles.Parse(Roles);
        if (Clustering is not (AzureTableClustering or KubernetesClustering))
            throw new ArgumentException($"Clustering '{Clustering}' is unknown: use {AzureTableClustering} or {KubernetesClustering}.");
        if (string.IsNullOrWhiteSpace(StorageConnection))
            throw new ArgumentException("Disambig:StorageConnection (environment Disambig__StorageConnection) is required: an Azure Storage connection string.");
        Security.ClusterStorage.Parse(StorageConnection);
        Security.ClusterTls.Validate(this);
        if (SiloPort is < 1 or > 65535) throw new ArgumentOutOfRangeException(nameof(SiloPort), SiloPort, "The silo port must be 1 to 65535.");
        if (GatewayPort is < 1 or > 65535) throw new ArgumentOutOfRangeException(nameof(GatewayPort), GatewayPort, "The gateway port must be 1 to 65535.");
        if (!IPAddress.TryParse(AdvertisedAddress, out _)) throw new ArgumentException($"AdvertisedAddress '{AdvertisedAddress}' is not an IP address.");
        if (NightlySweepUtc.Length > 0 && !TimeSpan.TryParse(NightlySweepUtc, out _))
            throw new ArgumentException($"NightlySweepUtc '{NightlySweepUtc}' is not a time of day (hh:mm).");
        ArgumentException.ThrowIfNullOrWhiteSpace(ClusterId);
        ArgumentException.ThrowIfNullOrWhiteSpace(ServiceId);
        return this;
    }
}
