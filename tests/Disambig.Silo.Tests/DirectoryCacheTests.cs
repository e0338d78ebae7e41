using Disambig.Grains.Services;
using Disambig.Storage;
using Disambig.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Disambig.Silo.Tests;

/// <summary>
/// A pipeline silo's cache of grain locations is bounded by <c>Disambig:Pipeline:DirectoryCacheSize</c>, not by the
/// catalog: a sweep activates every name and track once, and Orleans' default (1 000 000) would keep their locations.
/// </summary>
public sealed class DirectoryCacheTests
{
    private static int CacheSizeOf(Dictionary<string, string?> settings)
    {
        using var folder = new TemporaryFolder();
        var store = new LocalFolderBlobStore(folder.Path);
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering()
            .AddDisambigPipeline(new PipelineStores(store, store, store, store))
            .BindDisambigPipelineOptions());
        using var host = builder.Build();
        return host.Services.GetRequiredService<IOptions<GrainDirectoryOptions>>().Value.CacheSize;
    }

    [Fact]
    public void PipelineSilo_ByDefault_CachesAtMost20000GrainLocations() => Assert.Equal(20_000, CacheSizeOf([]));

    [Fact]
    public void PipelineSilo_WithDirectoryCacheSizeSet_CachesThatMany() =>
        Assert.Equal(5_000, CacheSizeOf(new() { ["Disambig:Pipeline:DirectoryCacheSize"] = "5000" }));
}
