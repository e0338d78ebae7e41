using TorchSharp;
using static TorchSharp.torch;

namespace Disambig.Embedding.Networks.Layers;

/// <summary>
/// Multiplicative Gaussian noise N(1, rate/(1-rate)) in training mode only (as Keras' GaussianDropout);
/// the identity in evaluation mode, so inference is deterministic.
/// </summary>
public sealed class GaussianDropout : nn.Module<Tensor, Tensor>
{
    private readonly double _standardDeviation;
    private readonly NoiseSource _noise;

    /// <param name="rate">In [0, 1): the dropout rate whose Bernoulli variance the noise matches.</param>
    /// <param name="noise">Draws the noise (on the network's device).</param>
    public GaussianDropout(double rate, NoiseSource noise) : base(nameof(GaussianDropout))
    {
        if (rate is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(rate), rate, "Gaussian dropout rate must be in [0, 1).");
        _standardDeviation = Math.Sqrt(rate / (1 - rate));
        _noise = noise;
    }

    public override Tensor forward(Tensor input)
    {
        if (!training || _standardDeviation == 0) return input.alias();
        using var scope = NewDisposeScope();
        var noise = _noise.Normal(input.shape).to(input.device).mul_(_standardDeviation).add_(1.0);
        return input.mul(noise).MoveToOuterDisposeScope();
    }
}
