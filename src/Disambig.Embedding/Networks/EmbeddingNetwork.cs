using Disambig.Embedding.Networks.Layers;
using TorchSharp;
using static TorchSharp.torch;

namespace Disambig.Embedding.Networks;

/// <summary>A layer of a network in run order, with the name <c>disambig model describe</c> prints.</summary>
public sealed record NamedLayer(string Name, nn.Module<Tensor, Tensor> Module);

/// <summary>
/// A network mapping mel segments to embeddings. Both systems run their layers in a fixed order;
/// <see cref="Embed"/> stops after the embedding layer, <see cref="nn.Module{T,TResult}.forward"/> runs them all
/// (the same for the metric network; the artist logits for the classifier).
/// </summary>
public abstract class EmbeddingNetwork : nn.Module<Tensor, Tensor>
{
    static EmbeddingNetwork() => TorchCpuSettings.Apply();

    protected EmbeddingNetwork(string name, NetworkSpec spec) : base(name)
    {
        Spec = spec.Validate();
    }

    /// <summary>The architecture; a checkpoint stores it and rebuilds the network from it.</summary>
    public NetworkSpec Spec { get; }

    /// <summary>
    /// Where this network's dropout noise comes from (training mode only), apart from torch's global CPU generator so
    /// that a training step is reproducible even while other code in the process draws random numbers.
    /// </summary>
    public NoiseSource Noise { get; } = new();

    /// <summary>The device of the parameters (where <see cref="MoveTo"/> last put them).</summary>
    public Device Device { get; private set; } = CPU;

    /// <summary>Moves the parameters and the dropout noise to <paramref name="device"/>.</summary>
    public EmbeddingNetwork MoveTo(Device device)
    {
        this.to(device);
        Noise.MoveTo(device);
        Device = device;
        return this;
    }

    /// <summary>Every layer in run order.</summary>
    public abstract IReadOnlyList<NamedLayer> Layers { get; }

    /// <summary>How many leading <see cref="Layers"/> produce the embedding.</summary>
    protected abstract int EmbeddingDepth { get; }

    /// <param name="segments">[batch, frames, mel] mel power</param>
    /// <returns>[batch, d] embeddings (unit vectors for the metric network)</returns>
    public Tensor Embed(Tensor segments) => Run(segments, EmbeddingDepth);

    /// <param name="segments">[batch, frames, mel] mel power</param>
    public override Tensor forward(Tensor segments) => Run(segments, Layers.Count);

    private Tensor Run(Tensor segments, int depth)
    {
        if (segments.dim() != 3 || segments.shape[1] != Spec.SegmentFrames || segments.shape[2] != Spec.MelBands)
        {
            throw new ArgumentException(
                $"Expected segments [batch, {Spec.SegmentFrames}, {Spec.MelBands}], got [{string.Join(", ", segments.shape)}].",
                nameof(segments));
        }
        using var scope = NewDisposeScope();
        var layers = Layers;
        var x = segments;
        for (int i = 0; i < depth; i++) x = layers[i].Module.forward(x);
        return x.MoveToOuterDisposeScope();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) Noise.Dispose();
        base.Dispose(disposing);
    }
}
