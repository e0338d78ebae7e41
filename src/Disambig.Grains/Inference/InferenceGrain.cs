using Disambig.Grains.Placement;
using Disambig.Grains.Services;
using Orleans.Concurrency;

namespace Disambig.Grains.Inference;

/// <summary>
/// A reentrant front door to the silo's singleton model service, placed only on inference-role silos. Reentrancy lets
/// many tracks' requests reach the service together, which batches them.
/// </summary>
[InferenceRolePlacement, Reentrant]
internal sealed class InferenceGrain(ISegmentEmbedder embedder) : Grain, IInferenceGrain
{
    public Task<EmbeddingBatch> Embed(HalfSegmentBatch segments) =>
        embedder.EmbedAsync(InferenceKey.ModelVersionOf(this.GetPrimaryKeyString()), segments.Validate(), CancellationToken.None);

    public Task<string> HostingSilo() => Task.FromResult(RuntimeIdentity);
}
