using Disambig.Embedding.Networks;
using Disambig.Embedding.Sampling;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Disambig.Embedding.Training;

/// <summary>What one parameter update did.</summary>
internal readonly record struct StepOutcome(double Loss, int Kept, int Total, double? MeanDistanceBetweenArtists);

/// <summary>One parameter update on a sampled batch; the two systems differ only here.</summary>
internal interface ITrainingObjective
{
    /// <param name="segments">[N·n, frames, mel] in slot order</param>
    /// <param name="noiseSeed">Seeds torch before the training forward, so dropout noise is reproducible.</param>
    StepOutcome Step(Tensor segments, TripletBatch batch, long noiseSeed);
}

/// <summary>
/// Triplet training (section 3.2): embed the batch with the current weights in evaluation mode, keep the hard and
/// semi-hard triplets, and update on those only.
/// </summary>
internal sealed class TripletObjective(EmbeddingNetwork network, RMSProp optimizer, double margin) : ITrainingObjective
{
    public StepOutcome Step(Tensor segments, TripletBatch batch, long noiseSeed)
    {
        using var scope = NewDisposeScope();
        float[] distances;
        network.eval();
        using (no_grad())
        {
            distances = EmbeddingDistances.Squared(network.Embed(segments));
        }
        var mining = TripletMiner.Select(batch.Triplets, distances, batch.Segments.Count, margin);
        var spread = TripletMiner.MeanDistanceBetweenArtists(distances, batch.SlotArtists);
        if (mining.Kept.Count == 0) return new StepOutcome(0, 0, mining.Total, spread);

        network.train();
        network.Noise.Seed(noiseSeed);
        optimizer.zero_grad();
        var kept = mining.Kept.Select(index => batch.Triplets[index]).ToArray();
        var loss = TripletLoss.Compute(network.Embed(segments), kept, margin);
        loss.backward();
        optimizer.step();
        return new StepOutcome(loss.item<float>(), kept.Length, mining.Total, spread);
    }
}

/// <summary>The classifier baseline: cross-entropy of the artist logits over every segment of the batch.</summary>
internal sealed class ClassificationObjective(EmbeddingNetwork network, RMSProp optimizer) : ITrainingObjective
{
    public StepOutcome Step(Tensor segments, TripletBatch batch, long noiseSeed)
    {
        using var scope = NewDisposeScope();
        network.train();
        network.Noise.Seed(noiseSeed);
        optimizer.zero_grad();
        var targets = tensor(batch.SlotArtists.Select(artist => (long)artist).ToArray(), device: segments.device);
        var loss = nn.functional.cross_entropy(network.forward(segments), targets);
        loss.backward();
        optimizer.step();
        return new StepOutcome(loss.item<float>(), batch.Segments.Count, batch.Segments.Count, null);
    }
}
