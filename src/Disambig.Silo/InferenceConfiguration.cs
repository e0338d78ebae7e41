using Disambig.Embedding.Inference;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Disambig.Silo;

/// <summary>
/// Binds the model service's options from the <c>Disambig:Inference</c> configuration section (appsettings.json,
/// <c>Disambig__Inference__MaxBatchSegments=2048</c>, <c>--Disambig:Inference:Device=Cpu</c>): <c>Device</c> (Auto, Cpu,
/// Cuda), <c>MaxBatchSegments</c> (unset: 64 on the CPU, 1024 on CUDA), <c>MaxWait</c> (a time span) and
/// <c>Precision</c> (Float32, Float16, BFloat16; the last two on CUDA only). Validated when the silo starts.
/// </summary>
public static class InferenceConfiguration
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Disambig:Inference";

    /// <summary>Overrides the model service's options with the silo configuration's <see cref="SectionName"/>.</summary>
    public static ISiloBuilder BindDisambigInference(this ISiloBuilder silo)
    {
        silo.Services.AddOptions<EmbeddingServiceOptions>().Bind(silo.Configuration.GetSection(SectionName));
        return silo;
    }
}
