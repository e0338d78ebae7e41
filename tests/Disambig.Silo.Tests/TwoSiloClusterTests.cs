using Orleans.TestingHost;

namespace Disambig.Silo.Tests;

/// <summary>A grain that tells which silo hosts it, so a test can see activations on each silo.</summary>
[Alias("Disambig.Silo.Tests.ISiloProbeGrain")]
public interface ISiloProbeGrain : IGrainWithIntegerKey
{
    [Alias("HostingSilo")]
    Task<string> HostingSilo();
}

public sealed class SiloProbeGrain : Grain, ISiloProbeGrain
{
    public Task<string> HostingSilo() => Task.FromResult(RuntimeIdentity);
}

public sealed class TwoSiloClusterTests : IAsyncLifetime
{
    private TestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        _cluster = new TestClusterBuilder(2).Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await _cluster.StopAllSilosAsync();
        await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task Cluster_OfTwoSilos_HostsGrainActivationsOnEachSilo()
    {
        Assert.Equal(2, _cluster.Silos.Count);
        // Random placement spreads keys over both silos; 200 keys all landing on one has probability 2^-199.
        var hosts = await Task.WhenAll(Enumerable.Range(0, 200)
            .Select(key => _cluster.Client.GetGrain<ISiloProbeGrain>(key).HostingSilo()));
        var expected = _cluster.Silos.Select(s => s.SiloAddress.ToString()).Order().ToArray();
        Assert.Equal(expected, hosts.Distinct().Order().ToArray());
    }
}
