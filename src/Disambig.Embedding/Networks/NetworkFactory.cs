using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Disambig.Embedding.Networks;

/// <summary>Builds the network a <see cref="NetworkSpec"/> describes.</summary>
public static class NetworkFactory
{
    /// <summary>
    /// A new network whose initial weights are drawn from a generator of its own, seeded by <paramref name="seed"/>:
    /// the same seed gives the same weights whatever else the process draws, and torch's global generator is never
    /// seeded (the layers' own construction still draws from it; those values are overwritten here). Convolutions and dense layers get PyTorch's default initialisation (weights and biases
    /// uniform in +-1/sqrt(fan in), i.e. Kaiming uniform with a = sqrt 5); batch normalisation keeps ones and zeros.
    /// </summary>
    public static EmbeddingNetwork Create(NetworkSpec spec, long seed)
    {
        var network = Create(spec);
        try
        {
            Initialise(network, seed);
            return network;
        }
        catch
        {
            network.Dispose();
            throw;
        }
    }

    /// <summary>A new network with initial weights from torch's current random state (weights are then loaded, e.g. from a checkpoint).</summary>
    public static EmbeddingNetwork Create(NetworkSpec spec) => spec.Kind switch
    {
        NetworkKind.Metric => new ArtistNet(spec),
        NetworkKind.Classifier => new ArtistClassifier(spec),
        _ => throw new ArgumentException($"Unknown network kind {spec.Kind}.", nameof(spec)),
    };

    private static void Initialise(nn.Module network, long seed)
    {
        using var generator = new Generator(unchecked((ulong)seed), CPU);
        using var noGrad = no_grad();
        foreach (var (_, module) in network.named_modules())
        {
            var (weight, bias) = module switch
            {
                Conv1d c => (c.weight, c.bias),
                Conv2d c => (c.weight, c.bias),
                Linear l => (l.weight, l.bias),
                _ => (null, null),
            };
            if (weight is null) continue;
            long fanIn = weight.shape.Skip(1).Aggregate(1L, (product, size) => product * size);
            double bound = 1 / Math.Sqrt(fanIn);
            weight.uniform_(-bound, bound, generator);
            bias?.uniform_(-bound, bound, generator);
        }
    }
}
