using TorchSharp;
using static TorchSharp.torch;

namespace Disambig.Embedding.Networks.Layers;

/// <summary>
/// Inverted dropout (zero with probability p, scale the rest by 1/(1-p)) in training mode, drawing its mask from
/// the network's own generator; the identity in evaluation mode.
/// </summary>
public sealed class SeededDropout : nn.Module<Tensor, Tensor>
{
    private readonly double _probability;
    private readonly NoiseSource _noise;

    /// <param name="probability">In [0, 1): the share of units dropped.</param>
    /// <param name="noise">Draws the masks (on the network's device).</param>
    public SeededDropout(double probability, NoiseSource noise) : base(nameof(SeededDropout))
    {
        if (probability is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(probability), probability, "Dropout probability must be in [0, 1).");
        _probability = probability;
        _noise = noise;
    }

    public override Tensor forward(Tensor input)
    {
        if (!training || _probability == 0) return input.alias();
        using var scope = NewDisposeScope();
        var keep = _noise.Bernoulli(input.shape, 1 - _probability).to(input.device);
        return input.mul(keep).div_(1 - _probability).MoveToOuterDisposeScope();
    }
}
