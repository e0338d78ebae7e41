using Disambig.Embedding.Sampling;
using Disambig.Embedding.Training;
using static TorchSharp.torch;

namespace Disambig.Embedding.Tests;

public sealed class TripletLossTests
{
    [Fact]
    public void TripletLoss_Compute_HandMadeUnitVectors_AveragesHingeOfSquaredDistances()
    {
        using var scope = NewDisposeScope();
        // Slots: 0 = (1,0), 1 = (0.6,0.8), 2 = (0,1), 3 = (0.8,0.6).
        var embeddings = tensor(new float[] { 1, 0, 0.6f, 0.8f, 0, 1, 0.8f, 0.6f }, [4, 2]);
        Triplet[] triplets =
        [
            new(0, 1, 2), // d+ = 0.8, d- = 2.0: 0.8 - 2.0 + 0.2 < 0, loss 0
            new(0, 2, 1), // d+ = 2.0, d- = 0.8: 2.0 - 0.8 + 0.2 = 1.4
            new(0, 1, 3), // d+ = 0.8, d- = 0.4: 0.8 - 0.4 + 0.2 = 0.6
        ];

        var loss = TripletLoss.Compute(embeddings, triplets, TripletLoss.PaperMargin).item<float>();

        Assert.Equal((0 + 1.4f + 0.6f) / 3, loss, 5);
    }

    [Fact]
    public void TripletLoss_Compute_SeparatedTriplet_GivesNoGradient()
    {
        using var scope = NewDisposeScope();
        var embeddings = tensor(new float[] { 1, 0, 1, 0, -1, 0 }, [3, 2]).requires_grad_();

        var loss = TripletLoss.Compute(embeddings, [new Triplet(0, 1, 2)], 0.2);
        loss.backward();

        Assert.Equal(0f, loss.item<float>());
        Assert.Equal(0f, embeddings.grad!.abs().sum().item<float>());
    }

    [Fact]
    public void EmbeddingDistances_Squared_MatchesHandComputedValues()
    {
        using var scope = NewDisposeScope();
        var distances = EmbeddingDistances.Squared(tensor(new float[] { 0, 0, 3, 4, 1, 0 }, [3, 2]));

        Assert.Equal(new float[] { 0, 25, 1, 25, 0, 20, 1, 20, 0 }, distances);
    }
}
