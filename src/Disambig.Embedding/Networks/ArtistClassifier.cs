using Disambig.Embedding.Networks.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Disambig.Embedding.Networks;

/// <summary>
/// The baseline of Park et al. (2018), "Representation learning of music using artist labels": 1D convolutions
/// over time with the mel bands as channels, blocks of conv(3) + batch norm + ReLU + max pooling by 3, a last
/// 256-filter block with global max pooling, a 256-unit hidden layer (the embedding), dropout and a softmax over
/// the training artists (the logits are the forward output; cross-entropy applies the softmax).
/// </summary>
public sealed class ArtistClassifier : EmbeddingNetwork
{
    private readonly DynamicCompression _compression;
    private readonly MelAsChannels _melAsChannels;
    private readonly ModuleList<Conv1dBlock> _blocks;
    private readonly GlobalMaxPool _globalPool;
    private readonly Linear _hidden;
    private readonly ReLU _hiddenRelu;
    private readonly SeededDropout _dropout;
    private readonly Linear _output;

    public ArtistClassifier(NetworkSpec spec) : base(nameof(ArtistClassifier), RequireClassifier(spec))
    {
        var channels = Spec.Channels;
        int frames = Spec.SegmentFrames;
        for (int i = 0; i < channels.Count - 1; i++) frames /= 3;
        if (frames < 1) throw new ArgumentException($"{Spec.SegmentFrames} frames is too short for {channels.Count - 1} poolings by 3.", nameof(spec));

        _compression = new DynamicCompression();
        _melAsChannels = new MelAsChannels();
        var blocks = new Conv1dBlock[channels.Count];
        for (int i = 0; i < channels.Count; i++)
        {
            blocks[i] = new Conv1dBlock(i == 0 ? Spec.MelBands : channels[i - 1], channels[i], pool: i < channels.Count - 1);
        }
        _blocks = nn.ModuleList(blocks);
        _globalPool = new GlobalMaxPool();
        _hidden = nn.Linear(channels[^1], Spec.Dim);
        _hiddenRelu = nn.ReLU();
        _dropout = new SeededDropout(Spec.DropoutRate, Noise);
        _output = nn.Linear(Spec.Dim, Spec.ArtistCount);
        RegisterComponents();
    }

    /// <summary>The baseline for 388 (9 s) or 130 (3 s) frames of 128 mel bands and the given training artists.</summary>
    public static ArtistClassifier Paper(int segmentFrames, int artistCount) =>
        new(NetworkSpec.PaperClassifier(segmentFrames, artistCount));

    public override IReadOnlyList<NamedLayer> Layers
    {
        get
        {
            var layers = new List<NamedLayer> { new("dyn. comp.", _compression), new("mel as channels", _melAsChannels) };
            for (int i = 0; i < _blocks.Count; i++) layers.Add(new($"conv1d block{i + 1}", _blocks[i]));
            layers.Add(new("global max pool", _globalPool));
            layers.Add(new("dense (embedding)", _hidden));
            layers.Add(new("relu", _hiddenRelu));
            layers.Add(new("dropout", _dropout));
            layers.Add(new("dense (artists)", _output));
            return layers;
        }
    }

    // Everything up to and including the hidden layer's ReLU.
    protected override int EmbeddingDepth => Layers.Count - 2;

    private static NetworkSpec RequireClassifier(NetworkSpec spec) =>
        spec.Kind == NetworkKind.Classifier ? spec : throw new ArgumentException($"ArtistClassifier needs a classifier spec, got {spec.Kind}.", nameof(spec));
}
