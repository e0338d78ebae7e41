using Disambig.Embedding.Networks.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Disambig.Embedding.Networks;

/// <summary>
/// The metric-learning network of Table 1: dynamic compression, three blocks of 3x3 convolution + ReLU + 3x3 max
/// pooling (16, 32, 64 filters), stack and feature dimensions flattened together, average over time (or, with
/// <see cref="MetricHead.ChannelAverage"/>, the table as printed: time and features flattened, average over the
/// filters), Gaussian dropout, dense to d with tanh, L2 normalisation. For 9 s (388 x 128) the pooled sizes are 194x64, 64x21, 21x7:
/// the first pooling has stride 2 and padding 1, the next two stride 3 and no padding (see docs/model.md).
/// </summary>
public sealed class ArtistNet : EmbeddingNetwork
{
    private readonly DynamicCompression _compression;
    private readonly AddStack _stack;
    private readonly Conv2d _conv1;
    private readonly ReLU _relu1;
    private readonly MaxPool2d _pool1;
    private readonly Conv2d _conv2;
    private readonly ReLU _relu2;
    private readonly MaxPool2d _pool2;
    private readonly Conv2d _conv3;
    private readonly ReLU _relu3;
    private readonly MaxPool2d _pool3;
    private readonly nn.Module<Tensor, Tensor> _flatten;
    private readonly nn.Module<Tensor, Tensor> _average;
    private readonly GaussianDropout _dropout;
    private readonly Linear _dense;
    private readonly Tanh _tanh;
    private readonly L2Normalize _normalize;

    public ArtistNet(NetworkSpec spec) : base(nameof(ArtistNet), RequireMetric(spec))
    {
        var (c1, c2, c3) = (Spec.Channels[0], Spec.Channels[1], Spec.Channels[2]);
        var (frames, bands) = PooledSize(Spec.SegmentFrames, Spec.MelBands);
        if (frames < 1 || bands < 1)
        {
            throw new ArgumentException(
                $"{Spec.SegmentFrames} frames x {Spec.MelBands} mel bands is too small for three poolings.", nameof(spec));
        }
        _compression = new DynamicCompression();
        _stack = new AddStack();
        // 'Same' 3x3 convolutions as explicit padding 1: TorchSharp 0.107's Padding.Same gives NaN input gradients.
        // ReLUs work in place: the convolution's backward does not need its output, and it saves a pass over the
        // largest tensors of the network.
        _conv1 = nn.Conv2d(1, c1, 3, padding: 1);
        _relu1 = nn.ReLU(inplace: true);
        _pool1 = nn.MaxPool2d(3, stride: 2, padding: 1);
        _conv2 = nn.Conv2d(c1, c2, 3, padding: 1);
        _relu2 = nn.ReLU(inplace: true);
        _pool2 = nn.MaxPool2d(3, stride: 3);
        _conv3 = nn.Conv2d(c2, c3, 3, padding: 1);
        _relu3 = nn.ReLU(inplace: true);
        _pool3 = nn.MaxPool2d(3, stride: 3);
        // The text's head averages the filters x features over time; the table's, the time x features over the filters.
        bool time = Spec.Head == MetricHead.TimeAverage;
        _flatten = time ? new StackFeatureFlatten() : new TimeFeatureFlatten();
        _average = time ? new TimeAverage() : new ChannelAverage();
        _dropout = new GaussianDropout(Spec.DropoutRate, Noise);
        _dense = nn.Linear(time ? c3 * bands : frames * bands, Spec.Dim);
        _tanh = nn.Tanh();
        _normalize = new L2Normalize();
        RegisterComponents();
    }

    /// <summary>The paper's network for d = 32 or 256 and 388 (9 s) or 130 (3 s) frames of 128 mel bands.</summary>
    public static ArtistNet Paper(int dim, int segmentFrames) => new(NetworkSpec.PaperMetric(dim, segmentFrames));

    /// <summary>Time steps and mel bands left after the three poolings (21 x 7 for 388 x 128).</summary>
    public static (int Frames, int Bands) PooledSize(int frames, int bands) =>
        (Pool3(Pool3(Pool2(frames))), Pool3(Pool3(Pool2(bands))));

    public override IReadOnlyList<NamedLayer> Layers =>
    [
        new("dyn. comp.", _compression),
        new("stack", _stack),
        new("conv1", _conv1),
        new("relu1", _relu1),
        new("maxpool1", _pool1),
        new("conv2", _conv2),
        new("relu2", _relu2),
        new("maxpool2", _pool2),
        new("conv3", _conv3),
        new("relu3", _relu3),
        new("maxpool3", _pool3),
        new("flatten", _flatten),
        new("average pool", _average),
        new("g dropout", _dropout),
        new("dense", _dense),
        new("tanh", _tanh),
        new("l2 const.", _normalize),
    ];

    protected override int EmbeddingDepth => Layers.Count;

    // Output length of a 3-wide max pooling: stride 2 with padding 1, or stride 3 without padding.
    private static int Pool2(int n) => (n + 2 - 3) / 2 + 1;

    private static int Pool3(int n) => n < 3 ? 0 : (n - 3) / 3 + 1;

    private static NetworkSpec RequireMetric(NetworkSpec spec) =>
        spec.Kind == NetworkKind.Metric ? spec : throw new ArgumentException($"ArtistNet needs a metric spec, got {spec.Kind}.", nameof(spec));
}
