using Disambig.Embedding.Networks;
using static TorchSharp.torch;

namespace Disambig.Embedding.Tests;

public class NetworkFactoryTests
{
    [Fact]
    public void Create_SameSeed_SameWeightsWhateverTheGlobalRandomState()
    {
        manual_seed(1);
        using var first = NetworkFactory.Create(SyntheticCatalog.TinyMetric(), seed: 7);
        manual_seed(99);
        using var drawn = rand(100);
        using var second = NetworkFactory.Create(SyntheticCatalog.TinyMetric(), seed: 7);

        foreach (var ((name, a), (_, b)) in first.named_parameters().Zip(second.named_parameters()))
            Assert.True(a.eq(b).all().item<bool>(), $"{name} differs between two networks of seed 7");
    }

    [Fact]
    public void Create_OtherSeed_OtherWeights()
    {
        using var first = NetworkFactory.Create(SyntheticCatalog.TinyMetric(), seed: 7);
        using var second = NetworkFactory.Create(SyntheticCatalog.TinyMetric(), seed: 8);

        Assert.Contains(first.named_parameters().Zip(second.named_parameters()), pair => !pair.First.parameter.eq(pair.Second.parameter).all().item<bool>());
    }
}
