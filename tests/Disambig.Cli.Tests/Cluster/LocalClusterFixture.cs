using Azure.Storage.Blobs;
using Disambig.Silo;
using Disambig.TestSupport.Processes;
using Disambig.TestSupport;
using Disambig.TestSupport.Pipeline;
using Orleans.Runtime;

namespace Disambig.Cli.Tests.Cluster;

/// <summary>
/// The local cluster of docs/operations.md: two silo processes on loopback over the Azurite of tools/test.sh (one
/// with the inference role, one with the worker and trainer roles), a cluster id and containers of its own, and the
/// demo catalog on disk. Nothing is uploaded or registered: the tests do that through the CLI.
/// </summary>
public sealed class LocalClusterFixture : IAsyncLifetime
{
    private static readonly string[] Stores = ["catalog", "datasets", "models", "results", "state"];

    private readonly List<SiloProcess> _silos = [];

    public DemoCatalog Catalog { get; private set; } = null!;

    public ClusterSiloSettings Settings { get; private set; } = null!;

    /// <summary>The account key of the connection string: it must never be printed.</summary>
    public string AccountKey => Settings.StorageConnection.Split(';').Single(part => part.StartsWith("AccountKey=", StringComparison.Ordinal))["AccountKey=".Length..];

    /// <summary>What the CLI needs to reach this cluster: the connection and the silos' cluster settings.</summary>
    public Dictionary<string, string> Environment => new()
    {
        ["DISAMBIG_CLUSTER_CONNECTION"] = Settings.StorageConnection,
        ["Disambig__ClusterId"] = Settings.ClusterId,
        ["Disambig__ServiceId"] = Settings.ServiceId,
        ["Disambig__ContainerPrefix"] = Settings.ContainerPrefix,
    };

    /// <summary>Everything the silo processes printed so far.</summary>
    public string SiloOutput => string.Join("\n", _silos.Select(silo => silo.RecentOutput));

    public Task<CliRun> RunAsync(params string[] arguments) => CliProcess.RunAsync(Environment, arguments);

    public async Task InitializeAsync()
    {
        Catalog = await DemoCatalog.GenerateAsync();
        var id = Guid.NewGuid().ToString("N")[..10];
        Settings = new ClusterSiloSettings
        {
            StorageConnection = AzuriteContainer.ConnectionString(),
            ClusterId = $"cli-{id}",
            ServiceId = $"cli-{id}",
            ContainerPrefix = $"c{id}-",
            NightlySweepUtc = "",
        };
        foreach (var roles in (string[])["inference", "worker,trainer"])
        {
            _silos.Add(SiloProcess.Start(new ClusterSiloSettings
            {
                Roles = roles,
                StorageConnection = Settings.StorageConnection,
                ClusterId = Settings.ClusterId,
                ServiceId = Settings.ServiceId,
                ContainerPrefix = Settings.ContainerPrefix,
                NightlySweepUtc = "",
                SiloPort = FreePorts.Loopback(),
                GatewayPort = FreePorts.Loopback(),
            }, FreePorts.Loopback(), SiloProcess.TolerantMembership));
        }
        await WaitForSilosAsync();
    }

    /// <summary>Waits until both silos are active members (bounded attempts: silo processes start slowly on a busy machine).</summary>
    private async Task WaitForSilosAsync()
    {
        for (var attempt = 0; ; attempt++)
        {
            foreach (var silo in _silos) silo.EnsureRunning();
            try
            {
                await using var client = await PipelineConnection.OpenClusterAsync(Settings, CancellationToken.None);
                if ((await client.Grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)).Count == _silos.Count) return;
            }
            catch (Exception) when (attempt < 120)
            {
                // No gateway in the membership table yet, or one listed whose silo does not answer yet (the error's
                // type depends on the stage the silo is at, as ProcessCluster's wait knows): silo exits are caught above.
            }
            if (attempt >= 120) throw new TimeoutException($"The silos did not both join:\n{SiloOutput}");
            await Task.Delay(500);
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var silo in _silos) await silo.DisposeAsync();
        var service = new BlobServiceClient(Settings.StorageConnection);
        foreach (var store in Stores) await service.GetBlobContainerClient(Settings.ContainerPrefix + store).DeleteIfExistsAsync();
        Catalog.Dispose();
    }
}
