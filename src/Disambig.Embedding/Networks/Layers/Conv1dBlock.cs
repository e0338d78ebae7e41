using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Disambig.Embedding.Networks.Layers;

/// <summary>
/// One block of the classifier baseline: 1D convolution over time (kernel 3, 'same'), batch normalisation, ReLU,
/// then max pooling by 3 (or no pooling for the last block, which a global max pooling follows).
/// </summary>
public sealed class Conv1dBlock : nn.Module<Tensor, Tensor>
{
    private readonly Conv1d _conv;
    private readonly BatchNorm1d _norm;
    private readonly ReLU _relu;
    private readonly nn.Module<Tensor, Tensor> _pool;

    public Conv1dBlock(int inChannels, int outChannels, bool pool) : base(nameof(Conv1dBlock))
    {
        // 'Same' padding written as padding 1: TorchSharp 0.107's Padding.Same gives NaN input gradients.
        _conv = nn.Conv1d(inChannels, outChannels, 3, padding: 1);
        _norm = nn.BatchNorm1d(outChannels);
        _relu = nn.ReLU(inplace: true);
        _pool = pool ? nn.MaxPool1d(3) : nn.Identity();
        RegisterComponents();
    }

    /// <param name="input">[batch, inChannels, time]</param>
    /// <returns>[batch, outChannels, time / 3] (or time when not pooling)</returns>
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        return _pool.forward(_relu.forward(_norm.forward(_conv.forward(input)))).MoveToOuterDisposeScope();
    }
}
