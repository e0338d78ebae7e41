namespace Disambig.Embedding.Networks;

/// <summary>
/// Everything needed to rebuild a network's architecture; stored in every checkpoint's metadata.
/// </summary>
public sealed record NetworkSpec
{
    /// <summary>Which system.</summary>
    public required NetworkKind Kind { get; init; }

    /// <summary>Embedding size d: 32 or 256 for the metric network, 256 (the hidden layer) for the classifier.</summary>
    public required int Dim { get; init; }

    /// <summary>Frames per input segment: 388 for 9 s, 130 for 3 s at the paper's mel settings.</summary>
    public required int SegmentFrames { get; init; }

    /// <summary>Mel bands per frame (128 in the paper).</summary>
    public int MelBands { get; init; } = 128;

    /// <summary>Convolution filters per block, in order (metric: 16, 32, 64; classifier: 128 per block, 256 last).</summary>
    public required IReadOnlyList<int> Channels { get; init; }

    /// <summary>Output classes of the classifier (training artists); 0 for the metric network.</summary>
    public int ArtistCount { get; init; }

    /// <summary>Metric: Gaussian dropout rate (noise variance rate/(1-rate)). Classifier: dropout probability. In [0, 1).</summary>
    public double DropoutRate { get; init; }

    /// <summary>
    /// Metric network: how the last pooling's output is reduced for the dense layer. Default
    /// <see cref="MetricHead.TimeAverage"/> (the paper's text), which is also what checkpoints written before this
    /// setting existed hold. Ignored by the classifier.
    /// </summary>
    public MetricHead Head { get; init; } = MetricHead.TimeAverage;

    /// <summary>The Table 1 network for d = 32 or 256; Gaussian dropout rate 0.1 (the paper gives none; see docs/model.md).</summary>
    public static NetworkSpec PaperMetric(int dim, int segmentFrames) => new()
    {
        Kind = NetworkKind.Metric,
        Dim = dim,
        SegmentFrames = segmentFrames,
        Channels = [16, 32, 64],
        DropoutRate = 0.1,
    };

    /// <summary>
    /// The Park et al. classifier: one 128-filter block per 3x time pooling until about 4 frames remain,
    /// then a 256-filter block with global max pooling; 256 hidden units; dropout 0.5.
    /// </summary>
    public static NetworkSpec PaperClassifier(int segmentFrames, int artistCount)
    {
        var channels = new List<int>();
        for (int frames = segmentFrames; frames / 3 >= 4; frames /= 3) channels.Add(128);
        channels.Add(256);
        return new NetworkSpec
        {
            Kind = NetworkKind.Classifier,
            Dim = 256,
            SegmentFrames = segmentFrames,
            Channels = channels,
            ArtistCount = artistCount,
            DropoutRate = 0.5,
        };
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first value out of range.</summary>
    public NetworkSpec Validate()
    {
        if (Dim <= 0) throw new ArgumentException($"Embedding size must be positive, got {Dim}.");
        if (MelBands <= 0) throw new ArgumentException($"Mel bands must be positive, got {MelBands}.");
        if (DropoutRate is < 0 or >= 1) throw new ArgumentException($"Dropout rate must be in [0, 1), got {DropoutRate}.");
        if (Channels.Count == 0 || Channels.Any(c => c <= 0)) throw new ArgumentException("Every block needs a positive number of filters.");
        switch (Kind)
        {
            case NetworkKind.Metric:
                if (Channels.Count != 3) throw new ArgumentException($"The metric network has 3 convolution blocks, got {Channels.Count}.");
                if (ArtistCount != 0) throw new ArgumentException("The metric network has no artist outputs.");
                if (!Enum.IsDefined(Head)) throw new ArgumentException($"Unknown metric head {Head}.");
                break;
            case NetworkKind.Classifier:
                if (ArtistCount < 2) throw new ArgumentException($"The classifier needs at least 2 artists, got {ArtistCount}.");
                break;
            default:
                throw new ArgumentException($"Unknown network kind {Kind}.");
        }
        return this;
    }
}
