using TorchSharp;
using static TorchSharp.torch;

namespace Disambig.Embedding.Networks.Layers;

/// <summary>[batch, frames, mel] to [batch, 1, frames, mel]: one input stack for the 2D convolutions.</summary>
public sealed class AddStack : nn.Module<Tensor, Tensor>
{
    public AddStack() : base(nameof(AddStack)) { }

    public override Tensor forward(Tensor input) => input.unsqueeze(1);
}

/// <summary>
/// [batch, stacks, time, features] to [batch, time, stacks x features]: the paper's text flattens the stack and
/// feature dimensions together so that the following average runs over time only.
/// </summary>
public sealed class StackFeatureFlatten : nn.Module<Tensor, Tensor>
{
    public StackFeatureFlatten() : base(nameof(StackFeatureFlatten)) { }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        return input.permute(0, 2, 1, 3).flatten(2).MoveToOuterDisposeScope();
    }
}

/// <summary>
/// [batch, stacks, time, features] to [batch, stacks, time x features]: Table 1 as printed (1x64x147 for 9 s), the
/// stacks kept so that the following average runs over them (<see cref="MetricHead.ChannelAverage"/>).
/// </summary>
public sealed class TimeFeatureFlatten : nn.Module<Tensor, Tensor>
{
    public TimeFeatureFlatten() : base(nameof(TimeFeatureFlatten)) { }

    public override Tensor forward(Tensor input) => input.flatten(2);
}

/// <summary>[batch, stacks, values] to [batch, values]: the average over the stacks (the convolution filters).</summary>
public sealed class ChannelAverage : nn.Module<Tensor, Tensor>
{
    public ChannelAverage() : base(nameof(ChannelAverage)) { }

    public override Tensor forward(Tensor input) => input.mean([1]);
}

/// <summary>[batch, time, features] to [batch, features]: global average pooling over time.</summary>
public sealed class TimeAverage : nn.Module<Tensor, Tensor>
{
    public TimeAverage() : base(nameof(TimeAverage)) { }

    public override Tensor forward(Tensor input) => input.mean([1]);
}

/// <summary>[batch, d] rows scaled to unit Euclidean length: the embedding lies on the unit sphere.</summary>
public sealed class L2Normalize : nn.Module<Tensor, Tensor>
{
    public L2Normalize() : base(nameof(L2Normalize)) { }

    public override Tensor forward(Tensor input) => nn.functional.normalize(input, p: 2, dim: 1);
}

/// <summary>[batch, frames, mel] to [batch, mel, frames]: mel bands become the channels of 1D convolutions over time.</summary>
public sealed class MelAsChannels : nn.Module<Tensor, Tensor>
{
    public MelAsChannels() : base(nameof(MelAsChannels)) { }

    public override Tensor forward(Tensor input) => input.transpose(1, 2);
}

/// <summary>[batch, channels, time] to [batch, channels]: maximum over time.</summary>
public sealed class GlobalMaxPool : nn.Module<Tensor, Tensor>
{
    public GlobalMaxPool() : base(nameof(GlobalMaxPool)) { }

    public override Tensor forward(Tensor input) => input.amax([2]);
}
