using TorchSharp;
using static TorchSharp.torch;

namespace Disambig.Embedding.Networks.Layers;

/// <summary>The paper's first layer: log(1 + 10 x) on mel power, so loud and quiet bands weigh alike.</summary>
public sealed class DynamicCompression : nn.Module<Tensor, Tensor>
{
    public DynamicCompression() : base(nameof(DynamicCompression)) { }

    /// <param name="input">[batch, frames, mel] mel power (non-negative)</param>
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        return input.mul(10f).log1p_().MoveToOuterDisposeScope();
    }
}
