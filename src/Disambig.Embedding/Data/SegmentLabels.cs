namespace Disambig.Embedding.Data;

/// <summary>An artist of a training set: its name and its side-information tags (genres; possibly none).</summary>
public sealed record ArtistInfo(string Name, IReadOnlyList<string> Tags);

/// <summary>
/// Who performs each segment of a dataset. Small enough to hold in memory for millions of segments
/// (one int each), apart from the features, which are read on demand.
/// </summary>
public sealed class SegmentLabels
{
    private readonly int[] _segmentArtists;
    private readonly int[][] _artistSegments;

    /// <param name="segmentArtists">Artist index (into <paramref name="artists"/>) of each segment.</param>
    /// <param name="artists">The artists, indexed from 0.</param>
    public SegmentLabels(IReadOnlyList<int> segmentArtists, IReadOnlyList<ArtistInfo> artists)
    {
        Artists = artists;
        _segmentArtists = segmentArtists.ToArray();
        var counts = new int[artists.Count];
        for (int s = 0; s < _segmentArtists.Length; s++)
        {
            var artist = _segmentArtists[s];
            if ((uint)artist >= (uint)artists.Count)
                throw new ArgumentException($"Segment {s} names artist {artist}, but there are {artists.Count} artists.", nameof(segmentArtists));
            counts[artist]++;
        }
        _artistSegments = counts.Select(count => new int[count]).ToArray();
        Array.Clear(counts);
        for (int s = 0; s < _segmentArtists.Length; s++)
        {
            var artist = _segmentArtists[s];
            _artistSegments[artist][counts[artist]++] = s;
        }
    }

    public IReadOnlyList<ArtistInfo> Artists { get; }

    public int SegmentCount => _segmentArtists.Length;

    public int ArtistCount => Artists.Count;

    /// <summary>Artist index of a segment.</summary>
    public int ArtistOf(int segment) => _segmentArtists[segment];

    /// <summary>Segments of an artist, ascending.</summary>
    public IReadOnlyList<int> SegmentsOf(int artist) => _artistSegments[artist];
}
