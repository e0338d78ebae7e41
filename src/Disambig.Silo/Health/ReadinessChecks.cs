using Disambig.Dashboard;
using Disambig.Dashboard.Security;
using Disambig.Embedding.Checkpoints;
using Disambig.Grains;
using Disambig.Grains.Services;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Disambig.Silo.Health;

/// <summary>Ready when the pipeline's stores answer (a metadata lookup in the results store).</summary>
public sealed class StorageReadinessCheck(PipelineStores stores) : IHealthCheck
{
    /// <summary>An object name looked up, never written: only whether the store answers matters.</summary>
    private const string ProbeName = "health/probe";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await stores.Results.GetInfoAsync(ProbeName, cancellationToken);
            return HealthCheckResult.Healthy("the results store answers");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"the results store does not answer: {SecretRedaction.Redact(e.Message)}");
        }
    }
}

/// <summary>
/// Ready when the current model's weights are in the models store (inference silos load them from there on first use).
/// Before any model is registered the silo reports degraded, which still counts as ready: the cluster itself trains the
/// first model.
/// </summary>
public sealed class ModelReadinessCheck(IGrainFactory grains, PipelineStores stores) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var current = await grains.GetGrain<IModelRegistryGrain>(ModelRegistry.DefaultKey).GetCurrent();
            if (current is null) return HealthCheckResult.Degraded("no model is registered yet");
            var weights = $"{current.Version}/{ModelCheckpointStore.WeightsName}";
            return await stores.Models.GetInfoAsync(weights, cancellationToken) is null
                ? HealthCheckResult.Unhealthy($"the current model's weights ({weights}) are not in the models store")
                : HealthCheckResult.Healthy($"model {current.Version} is available");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"the model registry or store does not answer: {SecretRedaction.Redact(e.Message)}");
        }
    }
}

public static class ReadinessCheckExtensions
{
    /// <summary>Readiness (<c>/health/ready</c>) of a pipeline silo: storage reachable and the current model available.</summary>
    public static IServiceCollection AddDisambigReadiness(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddReadinessCheck<StorageReadinessCheck>("storage")
            .AddReadinessCheck<ModelReadinessCheck>("model");
        return services;
    }
}
