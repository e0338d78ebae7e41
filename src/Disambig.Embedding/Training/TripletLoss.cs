using Disambig.Embedding.Sampling;
using TorchSharp;
using static TorchSharp.torch;

namespace Disambig.Embedding.Training;

/// <summary>Equation (1): ℓ = max(0, |f(a)-f(p)|² - |f(a)-f(n)|² + alpha), averaged over the triplets.</summary>
public static class TripletLoss
{
    /// <summary>The paper's margin alpha.</summary>
    public const double PaperMargin = 0.2;

    /// <param name="embeddings">[slots, d] embeddings of a batch (unit vectors)</param>
    /// <param name="triplets">Triplets in slot indices; at least one.</param>
    /// <returns>A scalar: the mean loss.</returns>
    public static Tensor Compute(Tensor embeddings, IReadOnlyList<Triplet> triplets, double margin)
    {
        if (triplets.Count == 0) throw new ArgumentException("The loss needs at least one triplet.", nameof(triplets));
        using var scope = NewDisposeScope();
        var anchors = embeddings.index_select(0, SlotIndex(triplets, t => t.Anchor, embeddings.device));
        var positives = embeddings.index_select(0, SlotIndex(triplets, t => t.Positive, embeddings.device));
        var negatives = embeddings.index_select(0, SlotIndex(triplets, t => t.Negative, embeddings.device));
        var positiveDistance = anchors.sub(positives).square().sum(1);
        var negativeDistance = anchors.sub(negatives).square().sum(1);
        return nn.functional.relu(positiveDistance.sub(negativeDistance).add(margin)).mean().MoveToOuterDisposeScope();
    }

    private static Tensor SlotIndex(IReadOnlyList<Triplet> triplets, Func<Triplet, int> slot, Device device)
    {
        var indices = new long[triplets.Count];
        for (int i = 0; i < indices.Length; i++) indices[i] = slot(triplets[i]);
        return tensor(indices, device: device);
    }
}
