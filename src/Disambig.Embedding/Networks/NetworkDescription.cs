using TorchSharp;
using static TorchSharp.torch;

namespace Disambig.Embedding.Networks;

/// <summary>One row of a network description: a layer's output shape (without the batch) and its parameters.</summary>
public sealed record LayerDescription(string Name, IReadOnlyList<long> OutputShape, long Parameters);

/// <summary>A network's layers with output shapes and parameter counts, as <c>disambig model describe</c> prints them.</summary>
public sealed record NetworkDescription(NetworkSpec Spec, IReadOnlyList<LayerDescription> Layers)
{
    public long TotalParameters => Layers.Sum(layer => layer.Parameters);

    /// <summary>Runs one zero segment through the layers in evaluation mode and records each output shape.</summary>
    public static NetworkDescription Of(EmbeddingNetwork network)
    {
        var wasTraining = network.training;
        network.eval();
        try
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var x = zeros(1, network.Spec.SegmentFrames, network.Spec.MelBands);
            var rows = new List<LayerDescription>();
            foreach (var layer in network.Layers)
            {
                x = layer.Module.forward(x);
                var parameters = layer.Module.parameters().Sum(p => p.numel());
                rows.Add(new LayerDescription(layer.Name, x.shape.Skip(1).ToArray(), parameters));
            }
            return new NetworkDescription(network.Spec, rows);
        }
        finally
        {
            network.train(wasTraining);
        }
    }
}
