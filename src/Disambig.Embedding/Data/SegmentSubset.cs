using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace Disambig.Embedding.Data;

/// <summary>
/// Some segments of another dataset, with the artists that occur among them renumbered from 0
/// (so a classifier trained on a subset has one output per artist it sees).
/// </summary>
public sealed class SegmentSubset : ISegmentDataset
{
    private readonly ISegmentDataset _parent;
    private readonly int[] _segments;

    /// <param name="parent">The whole dataset.</param>
    /// <param name="segments">Indices into <paramref name="parent"/>, in the order the subset exposes them.</param>
    public SegmentSubset(ISegmentDataset parent, IReadOnlyList<int> segments)
    {
        _parent = parent;
        _segments = segments.ToArray();
        var renumbered = new Dictionary<int, int>();
        var artists = new List<ArtistInfo>();
        var segmentArtists = new int[_segments.Length];
        for (int i = 0; i < _segments.Length; i++)
        {
            var original = parent.Labels.ArtistOf(_segments[i]);
            if (!renumbered.TryGetValue(original, out var artist))
            {
                artist = artists.Count;
                renumbered.Add(original, artist);
                artists.Add(parent.Labels.Artists[original]);
            }
            segmentArtists[i] = artist;
        }
        Labels = new SegmentLabels(segmentArtists, artists);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(parent.Digest + "\n" + string.Join(' ', _segments)));
        Digest = "sha256:" + Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    public int Frames => _parent.Frames;

    public int MelBands => _parent.MelBands;

    public SegmentLabels Labels { get; }

    public string Digest { get; }

    public async ValueTask ReadSegmentsAsync(ReadOnlyMemory<int> segments, Memory<float> destination, CancellationToken cancellationToken)
    {
        var mapped = ArrayPool<int>.Shared.Rent(segments.Length);
        try
        {
            var indices = segments.Span;
            for (int i = 0; i < indices.Length; i++) mapped[i] = _segments[indices[i]];
            await _parent.ReadSegmentsAsync(mapped.AsMemory(0, segments.Length), destination, cancellationToken);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(mapped);
        }
    }
}
