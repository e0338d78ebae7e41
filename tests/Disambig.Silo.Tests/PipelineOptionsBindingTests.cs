using Disambig.Grains.Hosting;
using Disambig.Grains.Services;
using Disambig.Storage;
using Disambig.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Hosting;

namespace Disambig.Silo.Tests;

public sealed class PipelineOptionsBindingTests
{
    private static IOptions<PipelineOptions> Bind(Dictionary<string, string?> settings)
    {
        using var folder = new TemporaryFolder();
        var store = new LocalFolderBlobStore(folder.Path);
        var services = new ServiceCollection()
            .AddDisambigPipeline(new PipelineStores(store, store, store, store), options => options.TracksPerName = 8)
            .BindDisambigPipelineOptions(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        return services.BuildServiceProvider().GetRequiredService<IOptions<PipelineOptions>>();
    }

    [Fact]
    public void Bind_DisambigPipelineSection_OverridesTheDefaultsAndKeepsTheCodeSettings()
    {
        var options = Bind(new()
        {
            ["Disambig:Pipeline:TracksInFlightPerCore"] = "64",
            ["Disambig:Pipeline:CatalogPartitions"] = "1024",
            ["Disambig:Pipeline:MaxNameAttempts"] = "5",
        }).Value;
        Assert.Equal((64, 1024, 5, 8), (options.TracksInFlightPerCore, options.CatalogPartitions, options.MaxNameAttempts, options.TracksPerName));
    }

    [Fact]
    public void Bind_SweepFlushInterval_HoldsPartitionWritesThatLong_AndMoreThanTenMinutesFailsNamingIt()
    {
        Assert.Equal(TimeSpan.FromSeconds(30), Bind([]).Value.SweepFlushInterval);
        Assert.Equal(TimeSpan.FromMinutes(2), Bind(new() { ["Disambig:Pipeline:SweepFlushInterval"] = "00:02:00" }).Value.SweepFlushInterval);
        var error = Assert.Throws<OptionsValidationException>(() => Bind(new() { ["Disambig:Pipeline:SweepFlushInterval"] = "00:11:00" }).Value);
        Assert.Contains("Disambig:Pipeline:SweepFlushInterval", error.Message);
    }

    [Fact]
    public void Bind_ValueOutOfRange_FailsValidationNamingTheSetting()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Bind(new() { ["Disambig:Pipeline:CatalogPartitions"] = "0" }).Value);
        Assert.Contains("Disambig:Pipeline:CatalogPartitions", error.Message);
    }
}
