namespace Disambig.Embedding.Data;

/// <summary>
/// Mel segments with artist labels, read by index so a trainer touches only the segments of the current batch:
/// an implementation over shards in blob storage can serve any index with bounded memory.
/// </summary>
public interface ISegmentDataset
{
    /// <summary>Frames per segment (388 for 9 s, 130 for 3 s).</summary>
    int Frames { get; }

    /// <summary>Mel bands per frame (128).</summary>
    int MelBands { get; }

    /// <summary>Artist of each segment and the artists' tags.</summary>
    SegmentLabels Labels { get; }

    /// <summary>Identifies the content (labels and features); recorded in checkpoints.</summary>
    string Digest { get; }

    /// <summary>
    /// Copies the mel power of <paramref name="segments"/> into <paramref name="destination"/>, in order,
    /// each [Frames, MelBands] row-major; the destination holds exactly segments.Length x Frames x MelBands values.
    /// </summary>
    ValueTask ReadSegmentsAsync(ReadOnlyMemory<int> segments, Memory<float> destination, CancellationToken cancellationToken);
}
