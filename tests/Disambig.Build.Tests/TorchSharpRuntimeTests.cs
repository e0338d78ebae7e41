using TorchSharp;
using static TorchSharp.torch;

namespace Disambig.Build.Tests;

/// <summary>TorchSharp's native library loads from the build output with no environment set up.</summary>
public sealed class TorchSharpRuntimeTests
{
    [Fact]
    public void Convolution_ForwardAndBackward_GivesFiniteGradients()
    {
        using var scope = NewDisposeScope();
        torch.manual_seed(7);
        var conv = nn.Conv2d(1, 4, kernel_size: 3, padding: 1);
        var input = randn(2, 1, 8, 8, requires_grad: true);

        var output = conv.forward(input);
        Assert.Equal(new long[] { 2, 4, 8, 8 }, output.shape);

        output.square().mean().backward();
        var weightGradient = conv.weight!.grad!;
        Assert.Equal(new long[] { 4, 1, 3, 3 }, weightGradient.shape);
        Assert.True(weightGradient.abs().sum().item<float>() > 0f);
        Assert.True(isfinite(input.grad!).all().item<bool>());
    }
}
