using Disambig.Segments;
using Disambig.Catalog;
using Disambig.Embedding.Data;

namespace Disambig.Vectors.Training;

/// <summary>Turns tracks' mel segments into an in-memory training set labelled by true artist, tagged by genres.</summary>
public static class LabelledSegments
{
    public static InMemorySegmentDataset Build(IReadOnlyList<(CatalogTrack Track, SegmentBatch Segments)> tracks)
    {
        if (tracks.Count == 0) throw new ArgumentException("No decodable track with a true artist id to train on.", nameof(tracks));
        var artists = tracks.Select(t => t.Track.TrueArtistId!).Distinct(StringComparer.Ordinal).ToList();
        var tags = artists.Select(artist => new ArtistInfo(artist,
            [.. tracks.Where(t => t.Track.TrueArtistId == artist).SelectMany(t => t.Track.Genres).Distinct()])).ToList();
        var (frames, bands) = (tracks[0].Segments.Frames, tracks[0].Segments.Bands);
        var usable = tracks.Where(t => t.Segments.Frames == frames && t.Segments.Bands == bands).ToList();
        var values = usable.SelectMany(t => t.Segments.Values).ToArray();
        var labels = usable.SelectMany(t => Enumerable.Repeat(artists.IndexOf(t.Track.TrueArtistId!), t.Segments.Count)).ToList();
        return new InMemorySegmentDataset(values, frames, bands, new SegmentLabels(labels, tags));
    }
}
