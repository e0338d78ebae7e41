using TorchSharp;
using static TorchSharp.torch;

namespace Disambig.Embedding.Training;

/// <summary>A copy of a network's parameters and buffers, kept outside any dispose scope (the best weights so far).</summary>
internal sealed class WeightsSnapshot : IDisposable
{
    private Dictionary<string, Tensor>? _weights;

    public bool IsEmpty => _weights is null;

    public void Capture(nn.Module network)
    {
        Dispose();
        using var noGrad = no_grad();
        _weights = network.state_dict().ToDictionary(entry => entry.Key, entry => entry.Value.detach().clone().DetachFromDisposeScope());
    }

    public void Restore(nn.Module network)
    {
        if (_weights is null) throw new InvalidOperationException("No weights were captured.");
        network.load_state_dict(_weights);
    }

    public void Dispose()
    {
        if (_weights is null) return;
        foreach (var weight in _weights.Values) weight.Dispose();
        _weights = null;
    }
}
