using TorchSharp;

namespace Disambig.Embedding.Networks;

/// <summary>Builds the network a <see cref="NetworkSpec"/> describes.</summary>
public static class NetworkFactory
{
    /// <summary>A new network with initial weights drawn after seeding torch, so the same seed gives the same weights.</summary>
    public static EmbeddingNetwork Create(NetworkSpec spec, long seed)
    {
        torch.manual_seed(seed);
        return Create(spec);
    }

    /// <summary>A new network with initial weights from torch's current random state (weights are then loaded, e.g. from a checkpoint).</summary>
    public static EmbeddingNetwork Create(NetworkSpec spec) => spec.Kind switch
    {
        NetworkKind.Metric => new ArtistNet(spec),
        NetworkKind.Classifier => new ArtistClassifier(spec),
        _ => throw new ArgumentException($"Unknown network kind {spec.Kind}.", nameof(spec)),
    };
}
