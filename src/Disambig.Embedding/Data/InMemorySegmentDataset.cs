using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace Disambig.Embedding.Data;

/// <summary>A dataset whose features are one float array: tests, small experiments, and subsets loaded whole.</summary>
public sealed class InMemorySegmentDataset : ISegmentDataset
{
    private readonly float[] _features;

    /// <param name="features">[segments, frames, melBands] mel power, row-major.</param>
    public InMemorySegmentDataset(float[] features, int frames, int melBands, SegmentLabels labels)
    {
        if (frames <= 0 || melBands <= 0) throw new ArgumentException($"Frames and mel bands must be positive, got {frames} x {melBands}.");
        if (features.LongLength != (long)labels.SegmentCount * frames * melBands)
        {
            throw new ArgumentException(
                $"{features.LongLength} values do not hold {labels.SegmentCount} segments of {frames} x {melBands}.", nameof(features));
        }
        _features = features;
        Frames = frames;
        MelBands = melBands;
        Labels = labels;
        Digest = DigestOf(features, frames, melBands, labels);
    }

    public int Frames { get; }

    public int MelBands { get; }

    public SegmentLabels Labels { get; }

    public string Digest { get; }

    public ValueTask ReadSegmentsAsync(ReadOnlyMemory<int> segments, Memory<float> destination, CancellationToken cancellationToken)
    {
        var size = Frames * MelBands;
        SegmentReads.CheckDestination(segments.Length, size, destination.Length);
        var indices = segments.Span;
        var target = destination.Span;
        for (int i = 0; i < indices.Length; i++)
        {
            _features.AsSpan(checked(indices[i] * size), size).CopyTo(target.Slice(i * size, size));
        }
        return ValueTask.CompletedTask;
    }

    private static string DigestOf(float[] features, int frames, int melBands, SegmentLabels labels)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{frames}x{melBands}\n"));
        SegmentReads.AppendLabels(hash, labels);
        hash.AppendData(MemoryMarshal.AsBytes(features.AsSpan()));
        return "sha256:" + Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
