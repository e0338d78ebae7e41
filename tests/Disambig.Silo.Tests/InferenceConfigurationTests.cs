using Disambig.Audio;
using Disambig.Embedding.Devices;
using Disambig.Embedding.Inference;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Disambig.Silo.Tests;

public sealed class InferenceConfigurationTests
{
    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering()
            .AddDisambigCompute(new AudioOptions(), new EmbeddingServiceOptions())
            .BindDisambigInference());
        return builder.Build();
    }

    [Fact]
    public void BindDisambigInference_SectionSettings_ReachTheModelService()
    {
        using var host = Build(new()
        {
            ["Disambig:Inference:Device"] = "Cpu",
            ["Disambig:Inference:MaxBatchSegments"] = "2048",
            ["Disambig:Inference:MaxWait"] = "00:00:00.020",
        });

        var options = host.Services.GetRequiredService<EmbeddingServiceOptions>();

        Assert.Equal(ComputeDevice.Cpu, options.Device);
        Assert.Equal(2048, options.MaxBatchSegments);
        Assert.Equal(TimeSpan.FromMilliseconds(20), options.MaxWait);
        Assert.Equal(ForwardPrecision.Float32, options.Precision);
    }

    [Fact]
    public void BindDisambigInference_NoSection_LeavesTheLargestPassToTheDevice()
    {
        using var host = Build([]);

        var options = host.Services.GetRequiredService<EmbeddingServiceOptions>();

        Assert.Null(options.MaxBatchSegments);
        Assert.Equal(ComputeDevice.Auto, options.Device);
    }

    [Fact]
    public void BindDisambigInference_OutOfRange_FailsValidationNamingTheSetting()
    {
        using var host = Build(new() { ["Disambig:Inference:MaxBatchSegments"] = "0" });

        var error = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<EmbeddingServiceOptions>>().Value);

        Assert.Contains("Disambig:Inference: MaxBatchSegments", error.Message);
    }
}
