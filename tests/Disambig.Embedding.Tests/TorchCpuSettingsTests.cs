using Disambig.Embedding.Networks;
using TorchSharp;
using static TorchSharp.torch;

namespace Disambig.Embedding.Tests;

public sealed class TorchCpuSettingsTests
{
    [Fact]
    public void ConvolutionInputGradient_AfterNetworkCreated_MatchesTransposedConvolutionEveryTime()
    {
        using var network = ArtistNet.Paper(32, 130);
        set_num_threads(2);
        manual_seed(1);
        using var scope = NewDisposeScope();
        var conv = nn.Conv2d(8, 8, 3, padding: 1);

        for (int i = 0; i < 20; i++)
        {
            var input = randn(24, 8, 20, 16, requires_grad: true);
            var output = conv.forward(input);
            var outputGradient = randn_like(output);
            output.backward([outputGradient]);
            var expected = nn.functional.conv_transpose2d(outputGradient, conv.weight!.detach(), padding: [1, 1]);

            Assert.True(isfinite(input.grad!).all().item<bool>(), $"run {i}: non-finite input gradient");
            Assert.True(input.grad!.sub(expected).abs().max().item<float>() < 1e-3, $"run {i}: wrong input gradient");
        }
        Assert.Equal(TorchCpuSettings.SafeIsa, Environment.GetEnvironmentVariable(TorchCpuSettings.IsaVariable));
    }
}
