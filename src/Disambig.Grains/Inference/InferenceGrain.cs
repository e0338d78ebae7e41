using Disambig.Segments;
using Disambig.Grains.Placement;
using Disambig.Grains.Telemetry;
using Disambig.Vectors;
using Orleans.Concurrency;

namespace Disambig.Grains.Inference;

/// <summary>
/// A reentrant front door to the silo's singleton model service, placed only on inference-role silos. Reentrancy lets
/// many tracks' requests reach the service together, which batches them.
/// </summary>
[InferenceRolePlacement, Reentrant]
internal sealed class InferenceGrain(ISegmentEmbedder embedder, PipelineMetrics metrics) : Grain, IInferenceGrain
{
    public async Task<EmbeddingBatch> Embed(HalfSegmentBatch segments)
    {
        using var timing = metrics.TimeInference(segments.Count);
        return await embedder.EmbedAsync(InferenceKey.ModelVersionOf(this.GetPrimaryKeyString()), segments.Validate(), CancellationToken.None);
    }

    public Task<string> HostingSilo() => Task.FromResult(RuntimeIdentity);
}
