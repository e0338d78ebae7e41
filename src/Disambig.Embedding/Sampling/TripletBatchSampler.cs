using Disambig.Embedding.Data;

namespace Disambig.Embedding.Sampling;

/// <summary>
/// Draws N artists (among those with at least n segments), n distinct segments of each, every positive pair
/// (N·n(n-1)/2) and one negative per pair from the other N-1 artists of the batch. Holds no state between calls:
/// the batch depends only on the <see cref="Random"/> passed in, so a resumed run draws the same batches.
/// </summary>
public sealed class TripletBatchSampler
{
    private readonly SegmentLabels _labels;
    private readonly BatchShape _shape;
    private readonly INegativeSelector _negatives;
    private readonly ArtistTagIndex _tags;
    private readonly int[] _eligibleArtists;

    public TripletBatchSampler(SegmentLabels labels, BatchShape shape, INegativeSelector negatives)
    {
        _labels = labels;
        _shape = shape.Validate();
        _negatives = negatives;
        _tags = new ArtistTagIndex(labels);
        _eligibleArtists = Enumerable.Range(0, labels.ArtistCount)
            .Where(artist => labels.SegmentsOf(artist).Count >= shape.SamplesPerArtist)
            .ToArray();
        if (_eligibleArtists.Length < shape.ArtistsPerBatch)
        {
            throw new ArgumentException(
                $"Only {_eligibleArtists.Length} artists have at least {shape.SamplesPerArtist} segments; a batch needs {shape.ArtistsPerBatch}.",
                nameof(labels));
        }
    }

    public BatchShape Shape => _shape;

    public TripletBatch Sample(Random random)
    {
        int n = _shape.SamplesPerArtist;
        var artists = DistinctDraw.Choose(_eligibleArtists.Length, _shape.ArtistsPerBatch, random)
            .Select(i => _eligibleArtists[i])
            .ToArray();
        var segments = new int[_shape.SegmentCount];
        var slotArtists = new int[_shape.SegmentCount];
        for (int position = 0; position < artists.Length; position++)
        {
            var own = _labels.SegmentsOf(artists[position]);
            var chosen = DistinctDraw.Choose(own.Count, n, random);
            for (int k = 0; k < n; k++)
            {
                segments[position * n + k] = own[chosen[k]];
                slotArtists[position * n + k] = artists[position];
            }
        }

        var layout = new BatchLayout(artists, n);
        var triplets = new Triplet[_shape.TripletCount];
        int count = 0, sameTag = 0;
        for (int position = 0; position < artists.Length; position++)
        {
            for (int i = 0; i < n; i++)
            {
                for (int j = i + 1; j < n; j++)
                {
                    var negative = _negatives.SelectNegative(position, layout, random);
                    if (_tags.ShareTag(artists[position], slotArtists[negative])) sameTag++;
                    triplets[count++] = new Triplet(position * n + i, position * n + j, negative);
                }
            }
        }
        return new TripletBatch { Segments = segments, SlotArtists = slotArtists, Triplets = triplets, SameTagNegatives = sameTag };
    }
}
